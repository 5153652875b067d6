using System.Net;
using Microsoft.EntityFrameworkCore;
using StudyHub.Testing;

namespace StudyHub.Web.Tests.Papers;

/// A note's Paper: field, as the note page names its papers under the title.
public sealed class NotePaperTests(StudyHubApp app) : IClassFixture<StudyHubApp>
{
    [Fact]
    public async Task ThePaperFieldShowsEachPapersTitleAndLink()
    {
        using var vault = new TempVault("paper-forms")
            .Write("Transformer.md", """
                ---
                papers:
                  - "[[attention.pdf]]"
                  - https://arxiv.org/pdf/1810.04805v2.pdf
                ---
                The architecture.
                """)
            .Write("GSM8K.md", """
                October 27, 2021 -- [[OpenAI]]
                Paper: [Training Verifiers to Solve Math Word Problems](https://arxiv.org/abs/2110.14168)

                A benchmark.
                """)
            .Write("attention.pdf", TestPapers.Titled("Attention Is All You Need", "The dominant sequence transduction models"));
        var report = await app.ImportVaultAsync(vault.Root);
        using var client = app.CreateClient();

        var transformer = await client.GetStringAsync(new Uri("/notes/paper-forms/transformer", UriKind.Relative));
        var gsm8k = await client.GetStringAsync(new Uri("/notes/paper-forms/gsm8k", UriKind.Relative));

        // The PDF's heading names it and the page's viewer opens it; an arXiv address without a title gives its id.
        var hash = await HashOfAsync("paper-forms", "attention.pdf");
        Assert.Contains($"<a class=\"pdf\" href=\"/attachments/{hash}/attention.pdf\"><cite>Attention Is All You Need</cite></a>", transformer, StringComparison.Ordinal);
        Assert.Contains("<a href=\"https://arxiv.org/abs/1810.04805v2\" rel=\"noopener noreferrer\"><cite>arXiv:1810.04805v2</cite></a>", transformer, StringComparison.Ordinal);
        Assert.Contains("<a href=\"https://arxiv.org/abs/2110.14168\" rel=\"noopener noreferrer\"><cite>Training Verifiers to Solve Math Word Problems</cite></a>", gsm8k, StringComparison.Ordinal);
        // Asking arXiv for titles is off unless configured.
        Assert.Empty(report.Warnings);
        await using var db = app.Database.CreateContext();
        Assert.False(await db.ArxivTitles.AnyAsync());
    }

    [Fact]
    public async Task APdfsMetadataTitleWinsOverItsHeadingAndTheLinksOwnTextOverBoth()
    {
        using var vault = new TempVault("paper-titles")
            .Write("Reading.md", "Paper: [[bert.pdf]], [[gpt.pdf|Language Models are Few-Shot Learners]]\n\nNotes.")
            .Write("bert.pdf", TestPapers.Titled("Preprint, under review", "We introduce a new language representation model", metadataTitle: "BERT: Pre-training of Deep Bidirectional Transformers"))
            .Write("gpt.pdf", TestPapers.Titled("GPT-3", "Recent work has demonstrated", metadataTitle: "Microsoft Word - gpt3-draft.docx"));
        var report = await app.ImportVaultAsync(vault.Root);
        using var client = app.CreateClient();

        var page = await client.GetStringAsync(new Uri("/notes/paper-titles/reading", UriKind.Relative));

        Assert.Equal(2, report.Papers.Count);
        Assert.Contains("<cite>BERT: Pre-training of Deep Bidirectional Transformers</cite></a>", page, StringComparison.Ordinal);
        Assert.Contains("<cite>Language Models are Few-Shot Learners</cite></a>", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Preprint, under review", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task APaperReadBeforeTitlesWereKeptGetsItsTitleAtTheNextImport()
    {
        using var vault = new TempVault("paper-backfill")
            .Write("Reading.md", "Paper: [[moe.pdf]]\n\nNotes.")
            .Write("moe.pdf", TestPapers.Titled("Outrageously Large Neural Networks", "The capacity of a neural network"));
        await app.ImportVaultAsync(vault.Root);
        await using (var db = app.Database.CreateContext())
        {
            await db.PaperTitles.ExecuteDeleteAsync();
        }

        var again = await app.ImportVaultAsync(vault.Root);
        using var client = app.CreateClient();

        Assert.Equal(["moe.pdf"], again.Papers.Select(p => p.Path));
        Assert.Contains("<cite>Outrageously Large Neural Networks</cite>", await client.GetStringAsync(new Uri("/notes/paper-backfill/reading", UriKind.Relative)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AHostileTitleIsShownAsText()
    {
        const string Hostile = "<img src=x onerror=alert(1)>";
        using var vault = new TempVault("paper-hostile")
            .Write("Linked.md", $"Paper: [{Hostile}](https://arxiv.org/abs/1706.03762)\n\nText.")
            .Write("Read.md", "Paper: [[hostile.pdf]]\n\nText.")
            .Write("hostile.pdf", TestPapers.Titled("Heading", "Body", metadataTitle: Hostile));
        await app.ImportVaultAsync(vault.Root);
        using var client = app.CreateClient();

        foreach (var note in new[] { "linked", "read" })
        {
            using var response = await client.GetAsync(new Uri($"/notes/paper-hostile/{note}", UriKind.Relative));
            var page = await response.Content.ReadAsStringAsync();
            var papers = page[page.IndexOf("<ul class=\"note-papers\"", StringComparison.Ordinal)..];
            papers = papers[..(papers.IndexOf("</ul>", StringComparison.Ordinal) + 5)];

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Contains("<cite>&lt;img src=x onerror=alert(1)&gt;</cite>", papers, StringComparison.Ordinal);
            Assert.DoesNotContain("<img", papers, StringComparison.Ordinal);
        }
    }

    async Task<string> HashOfAsync(string vault, string path)
    {
        await using var db = app.Database.CreateContext();
        var vaultId = await db.Vaults.Where(v => v.Name == vault).Select(v => v.Id).SingleAsync();
        return await db.Attachments.Where(a => a.VaultId == vaultId && a.Path == path).Select(a => a.ContentHash).SingleAsync();
    }
}
