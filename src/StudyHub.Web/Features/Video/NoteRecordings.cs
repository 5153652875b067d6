using StudyHub.Markdown;
using StudyHub.Web.Features.Notes;

namespace StudyHub.Web.Features.Video;

/// What a note says about recordings, known from its parse alone: the recordings it is about, the times it
/// writes, and where each time seeks (by the time's offset).
public sealed record NoteRecordings(List<string> Media, List<NoteTimestamp> Times, Dictionary<int, string> SeekLinks)
{
    /// <paramref name="context"/> resolves the note's embedded files, some of which may be its recordings.
    public static NoteRecordings Of(Note note, ParsedNote parsed, IReadOnlyDictionary<string, object?> metadata, string markdown, INoteRenderContext context)
    {
        var found = LectureMedia.Find(metadata, EmbeddedMedia(parsed, context), markdown);
        var seeks = LectureParts.Bind(found, parsed.ThematicBreakLines, parsed.Headings.Count > 0 ? parsed.Headings[0].Line : null,
            [.. parsed.Timestamps.Select(t => t.Line)]);
        var recordings = found.ConvertAll(m => MediaSource.FromUrl(m.Url)!);
        var seekLinks = parsed.Timestamps.Zip(seeks)
            .Where(p => p.Second is not null)
            .ToDictionary(p => p.First.Offset, p => SeekLink(note.Address, recordings, p.Second!.Value, p.First.Seconds));
        var times = parsed.Timestamps.Zip(seeks, (t, seek) => new NoteTimestamp
        {
            NoteId = note.Id, Seconds = t.Seconds, Text = t.Text, Line = t.Line, Offset = t.Offset, MediaIndex = seek,
            Context = LinkContext.SentenceAround(markdown, t.Offset),
        }).ToList();
        return new NoteRecordings(found.ConvertAll(m => m.Url), times, seekLinks);
    }

    /// Where a time leads without our script: for the lecture on YouTube or Vimeo, the provider's own player at that
    /// moment; otherwise the note's page playing the recording, cued there (its player takes both from the address).
    /// With the script, a time of the recording playing seeks in place.
    static string SeekLink(string address, List<MediaSource> recordings, int recording, int seconds) =>
        recording == 0 && recordings[0].Provider is MediaProvider.YouTube or MediaProvider.Vimeo
            ? recordings[0].LinkAt(seconds)
            : NoteAddress.HrefOfRecording(address, recording, seconds);

    static IEnumerable<(string Url, int Line)> EmbeddedMedia(ParsedNote parsed, INoteRenderContext context) =>
        parsed.Links
            .Where(l => l.IsEmbed && l.IsAttachment)
            .Select(l => (Target: context.ResolveAttachment(l.Target), l.Line))
            .Where(a => a.Target is { Kind: StudyHub.Markdown.MediaKind.Audio or StudyHub.Markdown.MediaKind.Video })
            .Select(a => (a.Target!.Url, a.Line));
}
