using System.Text;

namespace StudyHub.Markdown.Tests;

public class RobustnessTests
{
    public static TheoryData<string, string> HostileInputs() => new()
    {
        { "100,000 quote levels", new string('>', 100_000) + " deep" },
        { "100,000 brackets", new string('[', 100_000) + " deep" },
        { "100,000 wikilink openers", string.Concat(Enumerable.Repeat("![[", 100_000)) },
        { "100,000 list levels", string.Concat(Enumerable.Repeat("- ", 100_000)) + "deep" },
        { "5,000 indented list levels", string.Concat(Enumerable.Range(0, 5_000).Select(i => new string(' ', i * 2) + "- item\n")) },
        { "100,000 emphasis markers", new string('*', 100_000) + "x" },
        { "100,000 callout quotes", string.Concat(Enumerable.Repeat("> [!note] t\n", 1)) + new string('>', 100_000) },
        { "100,000 nested front matter lists", "---\nkey: " + new string('[', 100_000) + "\n---\nBody" },
        { "100,000 nested front matter dashes", "---\nkey:\n" + string.Concat(Enumerable.Repeat("- ", 100_000)) + "x\n---\nBody" },
        { "unterminated comment", "%%\n" + string.Concat(Enumerable.Repeat("line\n", 10_000)) },
        { "many percent signs", string.Concat(Enumerable.Repeat("%% ", 20_000)) },
        { "many digits and colons", string.Concat(Enumerable.Repeat("1:2:", 50_000)) },
        { "raw HTML in 20,000 paragraphs", string.Concat(Enumerable.Repeat("a<br>b <span>c</span>\n\n", 20_000)) },
        { "20,000 unclosed raw elements", string.Concat(Enumerable.Repeat("<div>x\n\n", 20_000)) },
        { "control characters", "\0\u0001\u0002[[\0]] #\0 12:\u000034 ![[\u0007.png]]" },
    };

    [Theory]
    [MemberData(nameof(HostileInputs))]
    public void HostileInputParsesAndRenders(string name, string markdown)
    {
        var note = Render.Markdown.Parse(markdown, name);

        Assert.NotNull(Render.Markdown.RenderHtml(note, Render.Vault));
    }

    [Fact]
    public void TooDeeplyNestedNoteFallsBackToPlainText()
    {
        var note = Render.Markdown.Parse(new string('>', 100_000) + " <script>", "Deep.md");

        Assert.Contains(note.Warnings, w => w.Message.Contains("plain text", StringComparison.Ordinal));
        Assert.DoesNotContain("<script>", Render.Markdown.RenderHtml(note, Render.Vault), StringComparison.Ordinal);
    }

    [Fact]
    public void BinaryFileDecodedAsTextRenders()
    {
        var bytes = new byte[200_000];
        new Random(42).NextBytes(bytes);
        var note = Render.Markdown.Parse(Encoding.UTF8.GetString(bytes), "image.png");

        Assert.NotNull(Render.Markdown.RenderHtml(note, Render.Vault));
    }

    [Fact]
    public void TwentyMegabyteNoteRenders()
    {
        var paragraph = "Some text with [[Note]], #tag, ==mark==, 12:34 and ![[Pasted image 20240417000000.png]].\n\n";
        var source = new StringBuilder(21_000_000);
        while (source.Length < 20_000_000)
        {
            source.Append(paragraph);
        }

        var note = Render.Markdown.Parse(source.ToString(), "Huge.md");
        var html = Render.Markdown.RenderHtml(note, Render.Vault);

        Assert.Equal(source.Length / paragraph.Length, note.Timestamps.Count);
        Assert.True(html.Length > source.Length);
    }
}
