using System.Text.RegularExpressions;
using StudyHub.Markdown;
using StudyHub.Markdown.Tests;
using StudyHub.Testing;

namespace StudyHub.Corpus.Tests;

/// The seed lecture note, a real note by the author whose notes StudyHub was made for.
public class SeedNoteTests
{
    private static readonly string Source = File.ReadAllText(RepositoryFiles.Shared("seed", "000_343e7d79c79a6c1b.txt"));
    private static readonly ParsedNote Note = Render.Markdown.Parse(Source, "000_343e7d79c79a6c1b.md");
    private static readonly string Html = Render.Markdown.RenderHtml(Note, new TestRenderContext());

    [Fact]
    public void LectureMetadataIsRead()
    {
        Assert.Equal(("000_343e7d79c79a6c1b", "Multimodal Deep Learning"), (Note.Title, Note.Fields["subject"]));
        Assert.Equal("https://www.youtube.com/watch?v=5vfIT5LOkR0", Note.Fields["link"]);
        Assert.Contains("lecture", Note.Tags);
        Assert.Contains("""Link:<a href="https://www.youtube.com/watch?v=5vfIT5LOkR0">""", Html, StringComparison.Ordinal);
        Assert.Empty(Note.Warnings);
    }

    [Fact]
    public void EveryWikilinkIsRecorded()
    {
        var targets = Note.Links.Where(l => !l.IsEmbed).Select(l => l.Target).Distinct().Order(StringComparer.Ordinal);

        Assert.Equal(
            [
                "Alec Radford", "BLIP", "BLIP 2", "Bidirectional Encoder Representations from Transformers", "CLIP", "CoCa", "Contextual",
                "Cross-Attention", "Douwe Kiela", "Flamingo", "HuggingFace", "Instruction-Tuning", "LAION", "Meta AI Research", "Multimodal",
                "Retrieval-Augmented Generation", "SimVLM", "Stable Diffusion", "Whisper", "Yann LeCun",
            ],
            targets);
        Assert.Contains(Note.Links, l => l is { Target: "Meta AI Research", Alias: "FAIR" });
        Assert.Contains("""<a class="wikilink unresolved" title="Not yet written" href="/notes/Meta%20AI%20Research">FAIR</a>""", Html, StringComparison.Ordinal);
    }

    [Fact]
    public void EveryImageEmbedRendersAsMissingPlaceholder()
    {
        var embeds = Note.Links.Where(l => l.IsEmbed).ToList();

        Assert.Equal(27, embeds.Count);
        Assert.All(embeds, e => Assert.True(e.IsAttachment));
        Assert.Equal(27, Regex.Count(Html, """<span class="embed-missing" data-target="Pasted image \d{14}\.png">Missing attachment: Pasted image \d{14}\.png</span>"""));
        Assert.DoesNotContain("<img", Html, StringComparison.Ordinal);
    }

    [Fact]
    public void HighlightsRenderAsMark()
    {
        Assert.Equal(13, Regex.Count(Html, "<mark>"));
        Assert.Contains("<mark>it's alll about the data!</mark>", Html, StringComparison.Ordinal);
    }

    [Fact]
    public void OnlyThePickUpTimeIsATime()
    {
        var time = Assert.Single(Note.Timestamps);

        Assert.Equal(("28:00", 1680), (time.Text, time.Seconds));
        Assert.Equal("(Pick back up at 28:00)", Source.Split('\n')[time.Line - 1].Trim());
        Assert.Contains("""<a class="timestamp" href="?t=1680" data-seconds="1680">28:00</a>""", Html, StringComparison.Ordinal);
    }

    [Fact]
    public void HeadingLinkFragmentMatchesHeadingId()
    {
        var heading = Assert.Single(Note.Headings, h => h.Text == "Why does MultiModality matter?");
        var link = Render.Html("[[Lecture#Why does MultiModality matter?]]");

        Assert.Contains($"<h2 id=\"{heading.Id}\">", Html, StringComparison.Ordinal);
        Assert.Contains($"#{heading.Id}\"", link, StringComparison.Ordinal);
    }

    [Fact]
    public void ParallelRendersOfOneNoteMatchSequentialRender()
    {
        var note = Render.Markdown.Parse(Source + "\n\n![[Other#Part]] <b>raw</b>");
        var expected = Render.Markdown.RenderHtml(note, Render.Vault);

        var results = new string[64];
        Parallel.For(0, results.Length, i => results[i] = Render.Markdown.RenderHtml(note, Render.Vault));

        Assert.All(results, html => Assert.Equal(expected, html));
    }
}
