using StudyHub.Web.Features.Annotations;

namespace StudyHub.Components.Tests.Annotations;

public class AnchoringTests
{
    const string Original = "Late fusion combines just the scores. This is what we would now call contrastive models, eg CLIP. Then came ALIGN.";

    static TextAnchor AnchorOn(string quote) => TextAnchor.Of(Original, Original.IndexOf(quote, StringComparison.Ordinal), quote.Length);

    /// The one table of how an annotation fares when its note is edited. The edited text marks where the annotation is
    /// found [thus]; without brackets it is an orphan, kept with its quote and shown on no words at all.
    [Theory]
    // Unchanged.
    [InlineData("contrastive models", AnchorStatus.Anchored,
        "Late fusion combines just the scores. This is what we would now call [contrastive models], eg CLIP. Then came ALIGN.")]
    // Edits inside the quote: a few, and it follows them; rewritten, and it is no longer there.
    [InlineData("contrastive models", AnchorStatus.Moved,
        "Late fusion combines just the scores. This is what we would now call [contrasting models], eg CLIP. Then came ALIGN.")]
    [InlineData("combines just the scores", AnchorStatus.Moved,
        "Late fusion [merges just the scores]. This is what we would now call contrastive models, eg CLIP. Then came ALIGN.")]
    [InlineData("contrastive models", AnchorStatus.Orphaned,
        "Late fusion combines just the scores. This is what we would now call models trained contrastively, eg CLIP. Then came ALIGN.")]
    // Edits around it.
    [InlineData("contrastive models", AnchorStatus.Moved,
        "An opening line. Late fusion merges the scores. This is what people call [contrastive models], like CLIP or ALIGN.")]
    // Its paragraph moved.
    [InlineData("contrastive models", AnchorStatus.Moved,
        "Then came ALIGN.\nLate fusion combines just the scores. This is what we would now call [contrastive models], eg CLIP.")]
    // A sentence duplicated, before or after it: the copy whose surroundings are the old ones.
    [InlineData("just the scores", AnchorStatus.Moved,
        "Recap: late fusion combines just the scores. Late fusion combines [just the scores]. This is what we would now call contrastive models, eg CLIP. Then came ALIGN.")]
    [InlineData("just the scores", AnchorStatus.Anchored,
        "Late fusion combines [just the scores]. This is what we would now call contrastive models, eg CLIP. Recap: late fusion combines just the scores.")]
    // The quote deleted while the sentence around it stays.
    [InlineData("contrastive models", AnchorStatus.Orphaned,
        "Late fusion combines just the scores. This is what we would now call, eg CLIP. Then came ALIGN.")]
    // A short quote replaced while the sentence stays the same (the reported bug: it moved onto the new words).
    [InlineData("CLIP", AnchorStatus.Orphaned,
        "Late fusion combines just the scores. This is what we would now call contrastive models, eg ALBEF. Then came ALIGN.")]
    [InlineData("just the scores", AnchorStatus.Orphaned,
        "Late fusion combines only the logits. This is what we would now call contrastive models, eg CLIP. Then came ALIGN.")]
    // The passage and its surroundings gone.
    [InlineData("contrastive models", AnchorStatus.Orphaned, "A different note altogether, about speech recognition and nothing else at all.")]
    public void AnAnnotationIsFoundAgainOnlyWhereItsQuoteStillIs(string quote, AnchorStatus status, string edited)
    {
        var text = edited.Replace("[", "", StringComparison.Ordinal).Replace("]", "", StringComparison.Ordinal);

        var match = Anchoring.Locate(text, AnchorOn(quote));

        var found = match.Status == AnchorStatus.Orphaned ? text : $"{text[..match.Start]}[{text.Substring(match.Start, match.Length)}]{text[(match.Start + match.Length)..]}";
        Assert.Equal((status, edited), (match.Status, found));
    }

    /// A quote longer than the 32 characters diff-match-patch searches at once, edited at both ends.
    [Fact]
    public void ALongQuoteEditedAtBothEndsIsFound()
    {
        const string Quote = "This is what we would now call contrastive models, eg CLIP";
        var text = "Late fusion combines just the scores. That is what we would now call contrastive models, eg CLIP!! Then came ALIGN.";

        var match = Anchoring.Locate(text, AnchorOn(Quote));

        Assert.Equal((AnchorStatus.Moved, "That is what we would now call contrastive models, eg CLIP"), (match.Status, text.Substring(match.Start, match.Length)));
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
