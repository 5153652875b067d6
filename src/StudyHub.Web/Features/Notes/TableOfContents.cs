using System.Net;
using System.Text.RegularExpressions;

namespace StudyHub.Web.Features.Notes;

public sealed record TocEntry(int Level, string Id, string Text);

/// The headings of a rendered note, read back from its stored HTML (which our renderer gave stable ids).
public static partial class TableOfContents
{
    public static List<TocEntry> Of(string html) =>
        Heading().Matches(html)
            .Select(m => new TocEntry(int.Parse(m.Groups["level"].Value, System.Globalization.CultureInfo.InvariantCulture), m.Groups["id"].Value,
                WebUtility.HtmlDecode(Tag().Replace(m.Groups["text"].Value, "")).Trim()))
            .Where(e => e.Text.Length > 0)
            .ToList();

    [GeneratedRegex("""<h(?<level>[1-6])\b[^>]*\bid="(?<id>[^"]+)"[^>]*>(?<text>.*?)</h\k<level>>""", RegexOptions.Singleline)]
    private static partial Regex Heading();

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex Tag();
}
