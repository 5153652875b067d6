using System.Net;

namespace StudyHub.Web.Features.Search;

/// Turns ts_headline output into safe HTML. ts_headline copies the note's text as it is, markup included,
/// so it marks matches with private-use sentinels that survive HTML encoding and become <mark> only afterwards.
public static class Snippet
{
    const char Start = '\uE000';
    const char Stop = '\uE001';

    /// Stripped from the text before ts_headline, so that only its own marks remain.
    public const string Sentinels = "\uE000\uE001";

    public const string HeadlineOptions =
        "StartSel=\"\uE000\", StopSel=\"\uE001\", MaxFragments=2, MaxWords=28, MinWords=12, FragmentDelimiter=\" … \"";

    public static string ToHtml(string headline) => WebUtility.HtmlEncode(headline)
        .Replace(Start.ToString(), "<mark>", StringComparison.Ordinal)
        .Replace(Stop.ToString(), "</mark>", StringComparison.Ordinal);
}
