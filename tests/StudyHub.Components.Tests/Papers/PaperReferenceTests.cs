using StudyHub.Web.Features.Notes;
using StudyHub.Web.Features.Papers;

namespace StudyHub.Components.Tests.Papers;

public class PaperReferenceTests
{
    [Theory]
    // As the vaults write it: a titled link, a bare abs or pdf URL with or without a version, an old-style id.
    [InlineData("""{"Paper": "[Attention Is All You Need](https://arxiv.org/abs/1706.03762)"}""", "Attention Is All You Need", "https://arxiv.org/abs/1706.03762", null, "1706.03762")]
    [InlineData("""{"Paper": "https://arxiv.org/abs/1904.10509v1"}""", null, "https://arxiv.org/abs/1904.10509v1", null, "1904.10509v1")]
    [InlineData("""{"Paper": "[Judging LLM-as-a-Judge](https://arxiv.org/pdf/2306.05685.pdf)"}""", "Judging LLM-as-a-Judge", "https://arxiv.org/pdf/2306.05685.pdf", null, "2306.05685")]
    [InlineData("""{"paper": "https://www.arxiv.org/pdf/2306.05685v2"}""", null, "https://www.arxiv.org/pdf/2306.05685v2", null, "2306.05685v2")]
    [InlineData("""{"arxiv": "https://arxiv.org/abs/hep-th/9901001"}""", null, "https://arxiv.org/abs/hep-th/9901001", null, "hep-th/9901001")]
    // A link whose text is its address or a word like "paper" has no title of its own.
    [InlineData("""{"Paper": "[https://arxiv.org/abs/2107.05720](https://arxiv.org/abs/2107.05720)"}""", null, "https://arxiv.org/abs/2107.05720", null, "2107.05720")]
    [InlineData("""{"Paper": "[paper](https://arxiv.org/abs/1804.03235)"}""", null, "https://arxiv.org/abs/1804.03235", null, "1804.03235")]
    // Not on arXiv: a blog or a journal, and a title whose link is empty.
    [InlineData("""{"Paper": "[Phi-2: small language models](https://www.microsoft.com/en-us/research/blog/phi-2/)"}""", "Phi-2: small language models", "https://www.microsoft.com/en-us/research/blog/phi-2/", null, null)]
    [InlineData("""{"Paper": "[Orca 2: Teaching Small Language Models How to Reason]()"}""", "Orca 2: Teaching Small Language Models How to Reason", null, null, null)]
    // A link nobody may follow still gives its title.
    [InlineData("""{"Paper": "[A title](javascript:alert(1))"}""", "A title", null, null, null)]
    // A PDF of the vault, with or without its own text.
    [InlineData("""{"Paper": "[[attention.pdf]]"}""", null, null, "attention.pdf", null)]
    [InlineData("""{"paper": "[[papers/attention.pdf#page=3|The Transformer]]"}""", "The Transformer", null, "papers/attention.pdf", null)]
    public void EachFormOfThePaperFieldNamesOnePaper(string fields, string? text, string? url, string? file, string? arxivId)
    {
        var paper = Assert.Single(PaperReference.Of(NoteMetadata.Parse(fields), ""));

        Assert.Equal(new PaperReference(text, url, file), paper);
        Assert.Equal(arxivId, paper.ArxivId);
    }

    [Fact]
    public void AFieldListsSeveralPapersAndAListOfThemToo()
    {
        var fields = """
            {"Paper": "[BERT](https://arxiv.org/abs/1810.04805), [[attention.pdf]]",
             "papers": ["https://arxiv.org/abs/2005.14165", "[BERT](https://arxiv.org/abs/1810.04805)"]}
            """;

        var papers = PaperReference.Of(NoteMetadata.Parse(fields), "");

        Assert.Equal([
            new PaperReference("BERT", "https://arxiv.org/abs/1810.04805", null),
            new PaperReference(null, null, "attention.pdf"),
            new PaperReference(null, "https://arxiv.org/abs/2005.14165", null),
        ], papers);
    }

    [Theory]
    // As the study vault writes it: the date and lab first, the paper on the next line.
    [InlineData("October 27, 2021 -- [[OpenAI]]\nPaper: [Training Verifiers to Solve Math Word Problems](https://arxiv.org/abs/2110.14168)\n\nAbstract")]
    [InlineData("January 1, 2021\nStanford University\nPaper: [Training Verifiers to Solve Math Word Problems](https://arxiv.org/abs/2110.14168)\n...")]
    [InlineData("---\naliases: [GSM8K]\n---\n#dataset\n\n> **Paper:** [Training Verifiers to Solve Math Word Problems](https://arxiv.org/abs/2110.14168)")]
    public void APaperLineAmongTheOpeningLinesNamesThePaper(string opening)
    {
        var paper = Assert.Single(PaperReference.Of(NoteMetadata.Parse("{}"), opening));

        Assert.Equal(new PaperReference("Training Verifiers to Solve Math Word Problems", "https://arxiv.org/abs/2110.14168", null), paper);
    }

    [Theory]
    [InlineData("# GSM8K\n\nPaper: [Training Verifiers](https://arxiv.org/abs/2110.14168)")]
    [InlineData("Intro.\n\n## Related\nPaper: [Training Verifiers](https://arxiv.org/abs/2110.14168)")]
    [InlineData("```yaml\npaper: https://arxiv.org/abs/2110.14168\n```")]
    // Front matter is the note's fields (NoteMetadata), not lines of its text.
    [InlineData("---\npaper: https://arxiv.org/abs/2110.14168\n---\nText.")]
    public void APaperLineUnderAHeadingOrInCodeIsNotTheNotesPaper(string opening) =>
        Assert.Empty(PaperReference.Of(NoteMetadata.Parse("{}"), opening));

    [Fact]
    public void ThePaperFieldAndTheSameOpeningLineNameOnePaper()
    {
        const string Line = "Paper: https://arxiv.org/abs/1904.10509v1";

        Assert.Single(PaperReference.Of(NoteMetadata.Parse("""{"Paper": "https://arxiv.org/abs/1904.10509v1"}"""), Line + "\n\nText."));
    }

    [Theory]
    [InlineData("""{"Paper": "{Coming}"}""")]
    [InlineData("""{"Link": "https://arxiv.org/abs/1706.03762"}""")]
    [InlineData("""{"Paper": 3}""")]
    public void WhatNamesNoPaperIsLeftOut(string fields) =>
        Assert.Empty(PaperReference.Of(NoteMetadata.Parse(fields), ""));
}
