using StudyHub.Web.Features.Annotations;

namespace StudyHub.Components.Tests.Annotations;

public class AnchoringTests
{
    const string Original = "Late fusion combines just the scores. This is what we would now call contrastive models, eg CLIP. Then came ALIGN.";

    static TextAnchor AnchorOn(string quote) => TextAnchor.Of(Original, Original.IndexOf(quote, StringComparison.Ordinal), quote.Length);

    [Theory]
    // Unchanged text: found where it was.
    [InlineData(Original, "contrastive models", AnchorStatus.Anchored, "contrastive models")]
    // Text added before: the same words, further on.
    [InlineData("A new opening line. " + Original, "contrastive models", AnchorStatus.Moved, "contrastive models")]
    // The words themselves edited, their surroundings not: the passage between the old context.
    [InlineData("Late fusion combines just the scores. This is what we would now call contrastive learning models, eg CLIP. Then came ALIGN.",
        "contrastive models", AnchorStatus.Moved, "contrastive learning models")]
    // The passage and its surroundings gone: an orphan.
    [InlineData("A different note altogether, about speech recognition and nothing else at all.", "contrastive models", AnchorStatus.Orphaned, "")]
    public void AnAnchorIsFoundAgainAfterAnEdit(string edited, string quote, AnchorStatus status, string found)
    {
        var match = Anchoring.Locate(edited, AnchorOn(quote));

        Assert.Equal(status, match.Status);
        Assert.Equal(found, edited.Substring(match.Start, match.Length));
    }

    [Fact]
    public void OfSeveralOccurrencesTheOneWhoseContextFitsWins()
    {
        var text = "CLIP is a model. Quickly after CLIP, a paper from Google called ALIGN. CLIP again.";
        var anchor = TextAnchor.Of(text, text.IndexOf("CLIP, a paper", StringComparison.Ordinal), 4);

        var match = Anchoring.Locate("Intro. " + text, anchor);

        Assert.Equal(("CLIP", ", a paper"), (("Intro. " + text).Substring(match.Start, 4), ("Intro. " + text).Substring(match.Start + 4, 9)));
    }

    [Fact]
    public void TheContextIsAtMostThirtyTwoCharactersEachSide()
    {
        var anchor = AnchorOn("contrastive models");

        Assert.Equal(("now call ", ", eg CLIP. Then came ALIGN."), (anchor.Prefix[^9..], anchor.Suffix));
        Assert.Equal(TextAnchor.ContextLength, anchor.Prefix.Length);
    }

    const string Page = "Fusion\nCLIP is a model. Quickly after CLIP, a paper from Google called ALIGN. And CLIP again.\nLate fusion combines just the scores.\nEarly fusion combines the modalities.";

    /// A selection as the browser gives it, in the page's whitespace; the passage found is marked [thus] in the note's text.
    [Theory]
    [InlineData("scores.\n\n   Early fusion", "", "", "just the [scores.\nEarly fusion] combines")]
    [InlineData("scores.\r\nEarly\u00A0fusion", "", "", "just the [scores.\nEarly fusion] combines")]
    [InlineData("\n  Late fusion combines \n", "", "", "ALIGN. And CLIP again.\n[Late fusion combines] just")]
    [InlineData("CLIP", "", "", "Fusion\n[CLIP] is a model")]
    [InlineData("CLIP", "Quickly after ", ", a paper", "after [CLIP], a paper")]
    [InlineData("CLIP", "called\n  ALIGN.   And ", "", "And [CLIP] again")]
    [InlineData("CLIP", "", "  again.\n\nLate", "And [CLIP] again")]
    public void ASelectionIsFoundWhateverItsWhitespace(string quote, string prefix, string suffix, string expected)
    {
        var (start, length) = Anchoring.FindSelection(Page, quote, prefix, suffix) ?? throw new InvalidOperationException("Not found.");

        Assert.Contains(expected, $"{Page[..start]}[{Page.Substring(start, length)}]{Page[(start + length)..]}", StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Late fusion merges")]
    [InlineData(" \n\t ")]
    [InlineData("")]
    public void ASelectionThatIsNotInTheTextIsNotFound(string quote) => Assert.Null(Anchoring.FindSelection(Page, quote, "", ""));
}
