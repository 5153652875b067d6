using System.Text;

namespace StudyHub.Markdown.Tests;

public class FuzzTests
{
    private static readonly string[] Fragments =
    [
        "[[", "]]", "![[", "|", "\\|", "#", "#^", "^", "^id", " ", "\n", "\r\n", "\t", "> ", "> [!", "note]", "+", "-", "- ", "1. ",
        "%%", "==", "~~", "*", "_", "`", "```", "$", "$$", "12:34", "1:02:03", ":", "---", "---\n", "title: x\n", "tags: [a\n", "- [ ] ",
        "| a | b |", "|---|", "[^1]", "[^1]: ", "<b>", "</b>", "<script>", "&#x09;", "javascript:", "(", ")", "[", "]", "![", "](",
        "https://x.com/a#b", "Note", "image.png", "doc.pdf", "Self", "Other#Part", "Other#^blk", "\0", "\u200b", "é", "😀", "#tag", "#1",
    ];

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void RandomSyntaxSoupParsesAndRenders(int seed)
    {
        var random = new Random(seed);
        for (var document = 0; document < 500; document++)
        {
            var source = new StringBuilder();
            var length = random.Next(1, 120);
            for (var i = 0; i < length; i++)
            {
                source.Append(Fragments[random.Next(Fragments.Length)]);
            }

            var note = Render.Markdown.Parse(source.ToString(), "Fuzz.md");
            Assert.NotNull(Render.Markdown.RenderHtml(note, Render.Vault));
        }
    }
}
