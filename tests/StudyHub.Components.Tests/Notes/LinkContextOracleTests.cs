using System.Text;
using System.Text.RegularExpressions;
using StudyHub.Web.Features.Notes;

namespace StudyHub.Components.Tests.Notes;

// LinkContext quotes a link's sentence with a hand-written scan because it runs for every link of a vault. Its rules
// were first written as three regular expressions, kept here as the oracle: over random mixtures of wikilink pieces,
// markup and characters at the edges of \w and \s, from a fixed seed so that a failure can be replayed, both must
// quote every position alike.
public partial class LinkContextOracleTests
{
    static readonly string[] Pieces =
    [
        "[[", "]]", "![[", "[", "]", "|", "#", "!", "==", "=", "**", "*", "__", "_", "`", " ", "  ", "\t", "\n", "\r\n", ".", "?", "-", ">",
        "a", "Bc", "7", "é", "\u0301", "\u0903", "\u200D", "\u00A0", "\u2028", "\u203F", "\u02B0", "\u216B", "\u0663", "😀", "x.y",
        "[[Note]]", "[[Note|alias]]", "[[Note#Heading|shown]]", "![[image.png]]", "[[#Heading]]", "[[a|]]",
    ];

    [Fact]
    public void QuotesEverySentenceAsTheRegularExpressionsDid()
    {
        var random = new Random(20261127);
        for (var note = 0; note < 4_000; note++)
        {
            var markdown = new StringBuilder();
            for (var n = random.Next(1, 30); n > 0; n--)
            {
                markdown.Append(Pieces[random.Next(Pieces.Length)]);
            }
            var text = markdown.ToString();
            for (var offset = -1; offset <= text.Length; offset++)
            {
                Assert.True(Expected(text, offset) == LinkContext.SentenceAround(text, offset),
                    $"Different quote at offset {offset} of \"{Escape(text)}\": expected \"{Escape(Expected(text, offset))}\", got \"{Escape(LinkContext.SentenceAround(text, offset))}\"");
            }
        }
    }

    // Whether * and _ are markup depends on \w before them and \s after them: every UTF-16 character is tried there.
    [Fact]
    public void EveryCharacterIsAWordOrSpaceCharacterAsForTheRegularExpressions()
    {
        string[] templates = ["x{0}*y*", "{0}_y_", "*{0}", "a_{0}", "[[{0}|{0}]] {0}*"];
        for (var c = char.MinValue; ; c++)
        {
            foreach (var template in templates)
            {
                var text = template.Replace("{0}", c.ToString(), StringComparison.Ordinal);
                Assert.True(Expected(text, 0) == LinkContext.SentenceAround(text, 0), $"Different quote of \"{Escape(text)}\"");
            }
            if (c == char.MaxValue)
            {
                break;
            }
        }
    }

    static string Escape(string text) => string.Concat(text.Select(c => c < ' ' || c > '~' ? $"\\u{(int)c:X4}" : c.ToString()));

    static string Expected(string markdown, int offset)
    {
        if (offset < 0 || offset >= markdown.Length)
        {
            return "";
        }
        var start = offset;
        while (start > 0 && offset - start < 280 && !EndsSentence(markdown, start - 1))
        {
            start--;
        }
        var end = offset;
        while (end < markdown.Length && end - offset < 280 && !EndsSentence(markdown, end))
        {
            end++;
        }
        if (end < markdown.Length && markdown[end] is '.' or '!' or '?')
        {
            end++;
        }
        var text = WikiLink().Replace(markdown[start..end], m => m.Groups["alias"].Success ? m.Groups["alias"].Value : m.Groups["target"].Value);
        text = Markup().Replace(text, "");
        return Spaces().Replace(text, " ").Trim(' ', '-', '>', '\t');
    }

    static bool EndsSentence(string text, int at) =>
        text[at] == '\n' || (text[at] is '.' or '!' or '?' && (at + 1 == text.Length || char.IsWhiteSpace(text[at + 1])));

    [GeneratedRegex(@"!?\[\[(?<target>[^\]|#]*)(#[^\]|]*)?(\|(?<alias>[^\]]*))?\]\]")]
    private static partial Regex WikiLink();

    [GeneratedRegex(@"==|\*\*|__|(?<!\w)[*_](?!\s)|`")]
    private static partial Regex Markup();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
