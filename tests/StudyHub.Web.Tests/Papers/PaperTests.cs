using System.Net;
using Microsoft.EntityFrameworkCore;
using StudyHub.Testing;
using StudyHub.Web.Features.Papers;

namespace StudyHub.Web.Tests.Papers;

public sealed class PaperTests(StudyHubApp app) : IClassFixture<StudyHubApp>
{
    // Words found only in the paper, each on one page: neither note has them.
    static readonly byte[] Paper = TestPapers.Pdf("Introduction to sparse attention", "Related work on routing", "We prove the quokkalemma holds");

    [Fact]
    public async Task AWordOnlyOnPageThreeOfAPaperIsFoundAndOpensThatPage()
    {
        using var vault = new TempVault("reading-group")
            .Write("Session.md", "We read ![[paper.pdf]] this week.")
            .Write("papers/paper.pdf", Paper);
        var report = await app.ImportVaultAsync(vault.Root);
        Assert.Equal([new ReadPaperCheck("papers/paper.pdf", 3)], report.Papers.Select(p => new ReadPaperCheck(p.Path, p.Pages)));
        using var client = app.CreateClient();

        var page = await client.GetStringAsync(new Uri("/search?q=quokkalemma", UriKind.Relative));

        var hash = await HashOfAsync("reading-group", "papers/paper.pdf");
        var href = $"/papers/{hash}/paper.pdf?page=3";
        Assert.Contains($"<a href=\"{href}\">paper.pdf, page 3</a>", page, StringComparison.Ordinal);
        Assert.Contains("From the paper's text", page, StringComparison.Ordinal);
        Assert.Contains("<mark>quokkalemma</mark>", page, StringComparison.Ordinal);
        var viewer = await client.GetStringAsync(new Uri(href, UriKind.Relative));
        Assert.Contains($"href=\"/attachments/{hash}/paper.pdf#page=3\"", viewer, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AWordOnAnotherPageOpensItsOwnPage()
    {
        using var vault = new TempVault("routing-group").Write("Session.md", "![[routing.pdf]]").Write("routing.pdf", Paper);
        await app.ImportVaultAsync(vault.Root);
        using var client = app.CreateClient();

        var page = await client.GetStringAsync(new Uri("/search?q=routing&vault=routing-group", UriKind.Relative));

        Assert.Contains("routing.pdf?page=2\">routing.pdf, page 2</a>", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DamagedAndEncryptedPapersAreNamedInTheReportAndTheRestIsImported()
    {
        using var vault = new TempVault("mixed-papers")
            .Write("Session.md", "![[good.pdf]] ![[broken.pdf]] ![[locked.pdf]]")
            .Write("good.pdf", TestPapers.Pdf("The wombatproof is short"))
            .Write("broken.pdf", "%PDF-1.7\nthis is not the rest of a PDF"u8.ToArray())
            .Write("locked.pdf", TestPapers.Encrypted("The secretword stays unread"));

        var report = await app.ImportVaultAsync(vault.Root);

        Assert.Equal(1, report.NotesAdded);
        Assert.Equal(3, report.AttachmentsAdded);
        Assert.Equal(["good.pdf"], report.Papers.Select(p => p.Path));
        var broken = Assert.Single(report.Warnings, w => w.Path == "broken.pdf");
        Assert.StartsWith("its text could not be read: the file is damaged or not a PDF", broken.Message, StringComparison.Ordinal);
        var locked = Assert.Single(report.Warnings, w => w.Path == "locked.pdf");
        Assert.Equal("its text could not be read: the file is encrypted", locked.Message);
        Assert.Contains("warning: broken.pdf: its text could not be read", report.ToString(), StringComparison.Ordinal);
        using var client = app.CreateClient();
        Assert.Contains("good.pdf, page 1", await client.GetStringAsync(new Uri("/search?q=wombatproof", UriKind.Relative)), StringComparison.Ordinal);
        // The files themselves are kept and served, whatever their text.
        var hash = await HashOfAsync("mixed-papers", "locked.pdf");
        using var file = await client.GetAsync(new Uri($"/attachments/{hash}/locked.pdf", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, file.StatusCode);
    }

    [Fact]
    public async Task AHugePaperIsNamedInTheReportAndNotRead()
    {
        var huge = new byte[PaperText.MostBytes + 1];
        "%PDF-1.7\n"u8.CopyTo(huge);
        using var vault = new TempVault("huge-paper").Write("Session.md", "![[huge.pdf]]").Write("huge.pdf", huge);

        var report = await app.ImportVaultAsync(vault.Root);

        Assert.Equal(1, report.NotesAdded);
        Assert.Empty(report.Papers);
        var warning = Assert.Single(report.Warnings, w => w.Path == "huge.pdf");
        Assert.Equal("its text was not read: the file (33,554,433 bytes) is larger than the 32 MB a paper may have", warning.Message);
    }

    [Fact]
    public async Task AnUnchangedPaperIsNotReadAgainAndAChangedOneIs()
    {
        using var vault = new TempVault("reread").Write("Session.md", "![[p.pdf]]").Write("p.pdf", TestPapers.Pdf("first platypusword"));
        await app.ImportVaultAsync(vault.Root);

        var unchanged = await app.ImportVaultAsync(vault.Root);
        vault.Write("p.pdf", TestPapers.Pdf("second echidnaword", "a new page"));
        var changed = await app.ImportVaultAsync(vault.Root);

        Assert.Empty(unchanged.Papers);
        Assert.Equal(2, Assert.Single(changed.Papers).Pages);
        using var client = app.CreateClient();
        Assert.DoesNotContain("p.pdf, page", await client.GetStringAsync(new Uri("/search?q=platypusword", UriKind.Relative)), StringComparison.Ordinal);
        Assert.Contains("p.pdf, page 1", await client.GetStringAsync(new Uri("/search?q=echidnaword", UriKind.Relative)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task APaperOfAMembersOnlyVaultIsNeitherFoundNorShownToVisitors()
    {
        using var vault = new TempVault("private-papers").Write("Session.md", "![[secret.pdf]]").Write("secret.pdf", TestPapers.Pdf("The narwhalword is private"));
        await app.ImportVaultAsync(vault.Root);
        await using (var db = app.Database.CreateContext())
        {
            await db.Vaults.Where(v => v.Name == "private-papers").ExecuteUpdateAsync(v => v.SetProperty(x => x.MembersOnly, true));
        }
        using var visitor = app.CreateClient();

        var page = await visitor.GetStringAsync(new Uri("/search?q=narwhalword", UriKind.Relative));
        using var viewer = await visitor.GetAsync(new Uri($"/papers/{await HashOfAsync("private-papers", "secret.pdf")}/secret.pdf?page=1", UriKind.Relative));

        Assert.DoesNotContain("secret.pdf", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, viewer.StatusCode);
    }

    sealed record ReadPaperCheck(string Path, int Pages);

    async Task<string> HashOfAsync(string vault, string path)
    {
        await using var db = app.Database.CreateContext();
        var vaultId = await db.Vaults.Where(v => v.Name == vault).Select(v => v.Id).SingleAsync();
        return await db.Attachments.Where(a => a.VaultId == vaultId && a.Path == path).Select(a => a.ContentHash).SingleAsync();
    }
}
