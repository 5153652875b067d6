using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using StudyHub.Testing;

namespace StudyHub.Web.Tests.Reading;

/// A note is named by its file, as in Obsidian, unless its front matter gives a title; never by its first heading.
public sealed class NoteNameTests(StudyHubApp app) : IClassFixture<StudyHubApp>
{
    [Fact]
    public async Task ANoteIsNamedAndListedByItsFileNotByItsFirstHeadingOrSubject()
    {
        using var vault = new TempVault("papers")
            .Write("CLIP.md", "# Paper Figures\n\nContrastive pretraining on image and text pairs.")
            .Write("Lecture - Transformers.md", "#lecture\nSubject: Transformers\n\n# Attention\n\nQueries, keys and values.");
        await app.ImportVaultAsync(vault.Root);

        Assert.Equal(["CLIP", "Lecture - Transformers"], await TitlesAsync("papers"));
        var page = await GetAsync("/notes/papers/clip");
        Assert.Contains("<h1>CLIP</h1>", page, StringComparison.Ordinal);
        Assert.Contains("<h1 id=\"paper-figures\">Paper Figures</h1>", page, StringComparison.Ordinal);
        var listing = await GetAsync("/vaults/papers");
        Assert.Contains("<a href=\"/notes/papers/clip\">CLIP</a>", listing, StringComparison.Ordinal);
        Assert.Contains("<a href=\"/notes/papers/lecture-transformers\">Lecture - Transformers</a>", listing, StringComparison.Ordinal);
        Assert.DoesNotContain("Paper Figures", listing, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FrontMatterTitleOverridesTheFileName()
    {
        using var vault = new TempVault("titled").Write("vit.md", "---\ntitle: Vision Transformer\n---\nImages as patches.");
        await app.ImportVaultAsync(vault.Root);

        Assert.Equal(["Vision Transformer"], await TitlesAsync("titled"));
        Assert.Contains("<h1>Vision Transformer</h1>", await GetAsync("/notes/titled/vit"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AFirstHeadingThatRepeatsTheNameIsShownOnce()
    {
        using var vault = new TempVault("birds").Write("Flamingo.md", "# flamingo\n\nA bird, and a model.\n\n## Training");
        await app.ImportVaultAsync(vault.Root);

        var page = await GetAsync("/notes/birds/flamingo");

        Assert.Contains("<h1>Flamingo</h1>", page, StringComparison.Ordinal);
        Assert.Single(Regex.Matches(page, "lamingo</h1>", RegexOptions.IgnoreCase));
        Assert.Contains("<h2 id=\"training\">Training</h2>", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReimportingAnUnchangedNoteNamedByTheOldRuleRenamesItAndTheOldAddressRedirects()
    {
        using var vault = new TempVault("renamed-by-rule").Write("SigLIP.md", "# Paper Figures\n\nA sigmoid loss.");
        await app.ImportVaultAsync(vault.Root);
        await using (var db = app.Database.CreateContext())
        {
            // What an import before notes were named by their files left behind.
            await db.Notes.Where(n => n.Path == "SigLIP.md").ExecuteUpdateAsync(n => n.SetProperty(x => x.Title, "Paper Figures").SetProperty(x => x.Slug, "paper-figures"));
        }

        var report = await app.ImportVaultAsync(vault.Root);

        Assert.Equal((1, 0), (report.NotesUnchanged, report.NotesChanged));
        Assert.Equal(["SigLIP"], await TitlesAsync("renamed-by-rule"));
        using var client = app.CreateClient(new() { AllowAutoRedirect = false });
        using var response = await client.GetAsync(new Uri("/notes/paper-figures", UriKind.Relative));
        Assert.Equal((HttpStatusCode.MovedPermanently, "/notes/renamed-by-rule/siglip"), (response.StatusCode, response.Headers.Location?.OriginalString));
    }

    async Task<List<string>> TitlesAsync(string vault)
    {
        await using var db = app.Database.CreateContext();
        return await db.Notes.Where(n => n.Vault.Name == vault).OrderBy(n => n.Path).Select(n => n.Title).ToListAsync();
    }

    async Task<string> GetAsync(string url)
    {
        using var client = app.CreateClient();
        return await client.GetStringAsync(new Uri(url, UriKind.Relative));
    }
}
