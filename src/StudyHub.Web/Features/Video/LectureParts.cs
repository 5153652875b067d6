namespace StudyHub.Web.Features.Video;

/// Which recording each time in a note seeks. A note can hold several parts, separated by thematic breaks
/// (---) once its body has begun: breaks before the first heading only frame the opening lines. The
/// recordings named by front matter or the Link: field belong to the first part; a part that names a
/// recording of its own seeks that one; a part with none (an interview after the lecture, say) leaves its
/// times as plain text.
public static class LectureParts
{
    /// For each time line, the index in media of the recording it seeks, or null.
    public static int?[] Bind(IReadOnlyList<FoundMedia> media, IReadOnlyList<int> breakLines, int? firstHeadingLine, IReadOnlyList<int> timeLines)
    {
        var splits = firstHeadingLine is { } heading ? breakLines.Where(line => line > heading).Order().ToList() : [];
        int PartOf(int line) => splits.Count(split => split < line);

        var recordingOfPart = new Dictionary<int, int>();
        for (var index = media.Count - 1; index >= 0; index--)
        {
            // Iterating backwards leaves each part with the first recording it names.
            recordingOfPart[media[index].Line is { } line ? PartOf(line) : 0] = index;
        }
        // A recording named in the first part's text does not displace the note's own.
        if (media.Count > 0 && media[0].Line is null)
        {
            recordingOfPart[0] = 0;
        }
        return timeLines.Select(line => recordingOfPart.TryGetValue(PartOf(line), out var index) ? (int?)index : null).ToArray();
    }
}
