using System.Text.RegularExpressions;

namespace StudyHub.Web.Features.Video;

/// A recording a note names, and the line it is named on (null for front matter and the Link: field,
/// which speak for the whole note).
public sealed record FoundMedia(string Url, int? Line);

/// Finds the recordings a note is about, in the order a reader would expect: front matter
/// (video, youtube, media), the Link: field, embedded audio or video files, then video links in the text.
public static partial class LectureMedia
{
    /// The front matter keys that name a note's recording, in the order its recordings are numbered: the one list
    /// that the note page (its source video) and the graph (what makes a lecture) read too.
    public static readonly IReadOnlyList<string> FrontMatterKeys = ["video", "youtube", "media", "link"];

    public static List<FoundMedia> Find(IReadOnlyDictionary<string, object?> metadata, IEnumerable<(string Url, int Line)> embeddedFiles, string markdown)
    {
        var found = new List<FoundMedia>();
        foreach (var key in FrontMatterKeys)
        {
            if (metadata.TryGetValue(key, out var value))
            {
                foreach (var url in Strings(value))
                {
                    Add(found, url, line: null);
                }
            }
        }
        foreach (var (url, line) in embeddedFiles)
        {
            Add(found, url, line);
        }
        foreach (Match match in Url().Matches(markdown))
        {
            Add(found, match.Value, LineOf(markdown, match.Index));
        }
        return found;
    }

    static IEnumerable<string> Strings(object? value) => value switch
    {
        string text => [text],
        IEnumerable<object?> list => list.OfType<string>(),
        _ => [],
    };

    static void Add(List<FoundMedia> found, string url, int? line)
    {
        url = url.Trim();
        if (MediaSource.FromUrl(url) is not null && !found.Exists(m => m.Url == url))
        {
            found.Add(new FoundMedia(url, line));
        }
    }

    static int LineOf(string text, int offset) => text.AsSpan(0, offset).Count('\n') + 1;

    [GeneratedRegex(@"https?://[^\s<>()\[\]""']+")]
    private static partial Regex Url();
}
