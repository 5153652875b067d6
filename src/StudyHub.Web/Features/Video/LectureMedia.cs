using System.Text.RegularExpressions;

namespace StudyHub.Web.Features.Video;

/// Finds the recordings a note is about, in the order a reader would expect: front matter
/// (video, youtube, media), the Link: field, embedded audio or video files, then the first video
/// link in the text.
public static partial class LectureMedia
{
    static readonly string[] MetadataKeys = ["video", "youtube", "media", "link"];

    public static List<string> Find(IReadOnlyDictionary<string, object?> metadata, IEnumerable<string> embeddedFileUrls, string markdown)
    {
        var found = new List<string>();
        foreach (var key in MetadataKeys)
        {
            if (metadata.TryGetValue(key, out var value))
            {
                foreach (var url in Strings(value))
                {
                    Add(found, url);
                }
            }
        }
        foreach (var url in embeddedFileUrls)
        {
            Add(found, url);
        }
        foreach (Match match in Url().Matches(markdown))
        {
            if (MediaSource.FromUrl(match.Value) is not null)
            {
                Add(found, match.Value);
                break;
            }
        }
        return found;
    }

    static IEnumerable<string> Strings(object? value) => value switch
    {
        string text => [text],
        IEnumerable<object?> list => list.OfType<string>(),
        _ => [],
    };

    static void Add(List<string> found, string url)
    {
        url = url.Trim();
        if (MediaSource.FromUrl(url) is not null && !found.Contains(url, StringComparer.Ordinal))
        {
            found.Add(url);
        }
    }

    [GeneratedRegex(@"https?://[^\s<>()\[\]""']+")]
    private static partial Regex Url();
}
