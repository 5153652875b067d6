using System.Text.RegularExpressions;
using StudyHub.Web.Features.Notes;

namespace StudyHub.Web.Features.Papers;

/// A paper a note is about, as its Paper: field writes it: a link with its text ("[Attention Is All You Need](https://arxiv.org/abs/1706.03762)"),
/// a bare URL, or a PDF of the vault ("[[attention.pdf]]"). Text is the link's text when it reads as a title.
public sealed partial record PaperReference(string? Text, string? Url, string? VaultFile)
{
    /// The fields that name the papers a note is about, in front matter or as Key: lines; each may hold several.
    public static readonly IReadOnlyList<string> Fields = ["paper", "papers", "arxiv"];

    /// How much of a note's start is read for its Paper: lines: far more than a note's opening lines take.
    public const int OpeningCharacters = 4000;

    // What notes write as the text of a link that is not the paper's title: "(relevant [paper](https://arxiv.org/abs/…))".
    static readonly HashSet<string> NotTitles = new(StringComparer.OrdinalIgnoreCase) { "paper", "pdf", "arxiv", "link", "here", "abs", "abstract" };

    /// <paramref name="opening"/> is the start of the note's markdown (OpeningCharacters), where notes write a Paper:
    /// line under a line of date and lab ("October 27, 2021 -- [[OpenAI]]"), which the note's fields end before.
    public static List<PaperReference> Of(NoteMetadata metadata, string opening)
    {
        var found = new List<PaperReference>();
        foreach (var value in Fields.SelectMany(metadata.Texts).Concat(OpeningLines(opening)))
        {
            foreach (Match match in Reference().Matches(value))
            {
                var reference = match.Groups["file"].Success
                    ? new PaperReference(TitleOrNull(match.Groups["alias"].Value, null), null, match.Groups["file"].Value.Trim())
                    : match.Groups["url"].Success
                        ? new PaperReference(TitleOrNull(match.Groups["text"].Value, match.Groups["url"].Value), SafeUrl(match.Groups["url"].Value), null)
                        : new PaperReference(null, SafeUrl(match.Groups["bare"].Value), null);
                // "[Orca 2: …]()" still names a paper; a link nobody may follow (javascript:) and no title names none.
                if ((reference.Text ?? reference.Url ?? reference.VaultFile) is not null && !found.Contains(reference))
                {
                    found.Add(reference);
                }
            }
        }
        return found;
    }

    /// The values of the Paper: lines before the note's first heading or code block, front matter aside.
    static IEnumerable<string> OpeningLines(string opening)
    {
        var lines = opening.Split('\n');
        // An unterminated front matter is the note's text, as the page shows it.
        var start = lines[0].TrimEnd() == "---" ? Array.FindIndex(lines, 1, line => line.TrimEnd() == "---") + 1 : 0;
        return lines.Skip(start)
            .TakeWhile(line => !Heading().IsMatch(line) && !line.TrimStart().StartsWith("```", StringComparison.Ordinal))
            .Select(line => PaperLine().Match(line))
            .Where(match => match.Success)
            .Select(match => match.Groups["value"].Value);
    }

    /// The paper's id on arXiv ("1706.03762", "1904.10509v1", "hep-th/9901001") when the URL is one of its pages.
    public string? ArxivId => Url is not null && ArxivUrl().Match(Url) is { Success: true } match ? match.Groups["id"].Value : null;

    static string? TitleOrNull(string text, string? url)
    {
        var title = text.Trim();
        return title.Length == 0 || title == url || title.Contains("://", StringComparison.Ordinal) || NotTitles.Contains(title) ? null : title;
    }

    static string? SafeUrl(string url) =>
        Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp) ? uri.AbsoluteUri : null;

    [GeneratedRegex(@"^#{1,6}(\s|$)", RegexOptions.CultureInvariant)]
    private static partial Regex Heading();

    [GeneratedRegex(@"^\s*(?:>\s*)?(?:\*\*)?papers?(?:\*\*)?\s*::?(?:\*\*)?\s*(?<value>\S.*)$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex PaperLine();

    [GeneratedRegex(@"!?\[\[(?<file>[^\]|#]+)(?:#[^\]|]*)?(?:\|(?<alias>[^\]]*))?\]\]|\[(?<text>[^\]]*)\]\((?<url>[^)\s]*)\)|(?<bare>https?://[^\s<>()\[\]""']+)", RegexOptions.CultureInvariant)]
    private static partial Regex Reference();

    // New ids are yymm.number, old ones archive/yymmnumber; pdf pages end in an optional ".pdf".
    [GeneratedRegex(@"^https?://(?:www\.|export\.)?arxiv\.org/(?:abs|pdf)/(?<id>\d{4}\.\d{4,5}(?:v\d+)?|[a-z-]+(?:\.[A-Z]{2})?/\d{7}(?:v\d+)?)(?:\.pdf)?/?(?:[?#].*)?$",
        RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex ArxivUrl();
}
