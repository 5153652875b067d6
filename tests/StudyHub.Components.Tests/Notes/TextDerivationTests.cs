using StudyHub.Web.Features.Notes;
using StudyHub.Web.Features.Video;

namespace StudyHub.Components.Tests.Notes;

/// The text the importer derives from a note for search, previews, mentions and the table of contents.
public class TextDerivationTests
{
    [Theory]
    [InlineData("#lecture\nLink:https://example.org/x\nSubject: Short\nToday, Chris introduces us to Douwe Kiela, the guest lecturer.", "Today, Chris introduces us to Douwe Kiela, the guest lecturer.")]
    [InlineData("short\nhttps://www.youtube.com/watch?v=5vfIT5LOkR0&also=a-very-long-query-string", "")]
    [InlineData("  key: a long value that is more than forty characters long\n\t  A line of prose that is long enough to be the lead.  ",
        "A line of prose that is long enough to be the lead.")]
    [InlineData("HTTPS://example.org/a/very/long/address/that/goes/on\nno", "")]
    public void LeadIsTheFirstLineOfProse(string plainText, string expected) =>
        Assert.Equal(expected, PlainText.Lead(plainText));

    [Fact]
    public void ALongLeadIsCutAtAWord() =>
        Assert.Equal("word word…", PlainText.Lead(string.Join(' ', Enumerable.Repeat("word", 30)), maxLength: 12));

    [Theory]
    [InlineData("First sentence. Contrastive models, eg [[CLIP]] and [[ALIGN|the Google one]]. Last.", 40, "Contrastive models, eg CLIP and the Google one.")]
    [InlineData("- Used to train [[Stable Diffusion]]\n- next item", 15, "Used to train Stable Diffusion")]
    [InlineData("==The speaker (Douwe Kiela) thinks== so!", 5, "The speaker (Douwe Kiela) thinks so!")]
    [InlineData("> - [[Note|]] says __this__ `code` -", 4, "says this code")]
    public void ALinkIsQuotedWithTheSentenceItStandsIn(string markdown, int offset, string expected) =>
        Assert.Equal(expected, LinkContext.SentenceAround(markdown, offset));

    // Seen in the dataview example vault: a linked mention showed "[[List tasks under a heading|listing all tasks und".
    [Fact]
    public void ASentenceCutAtItsLengthIsNotCutInsideAWikiLink()
    {
        var words = string.Join(' ', Enumerable.Repeat("word", 50));
        var endsInside = $"See [[First]] and {words} then [[Other|an alias the cut falls inside]] and more.";
        var startsInside = $"[[Other|an alias the cut falls inside]] {words} then [[Last]] and more.";

        Assert.Equal($"See First and {words} then an alias the cut falls inside", LinkContext.SentenceAround(endsInside, 4));
        Assert.Equal($"an alias the cut falls inside {words} then Last and more.", LinkContext.SentenceAround(startsInside, startsInside.IndexOf("[[Last", StringComparison.Ordinal)));
    }

    [Fact]
    public void RecordingsComeInTheOrderAReaderExpects()
    {
        var metadata = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase) { ["Link"] = "https://www.youtube.com/watch?v=5vfIT5LOkR0" };
        var markdown = "Intro\nSee https://vimeo.com/76979871 and https://example.org/page and https://www.youtube.com/watch?v=5vfIT5LOkR0";

        var found = LectureMedia.Find(metadata, [("/attachments/abc/talk.mp4", 3)], markdown);

        Assert.Equal(
            [new FoundMedia("https://www.youtube.com/watch?v=5vfIT5LOkR0", null), new FoundMedia("/attachments/abc/talk.mp4", 3), new FoundMedia("https://vimeo.com/76979871", 2)],
            found);
    }
}
