using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using StudyHub.Testing;
using StudyHub.Web.Features.Search;

namespace StudyHub.Web.Tests.Search;

/// The order of the switcher's options, and the table of names it reads, kept by every import.
public sealed class SwitcherNamesTests(StudyHubApp app) : IClassFixture<StudyHubApp>
{
    [Fact]
    public async Task ExactNamesComeFirstThenTitlesThenAliasesThenConceptsStartingWithWhatWasTypedThenLikeIt()
    {
        using var vault = new TempVault("snakes")
            .Write("Mamba.md", "# Mamba\n\nA state space model.")
            .Write("Mamba Two.md", "# Mamba Two\n\nThe second one.")
            .Write("Mambo.md", "# Mambo\n\nA dance.")
            .Write("Snake.md", "---\naliases: [Mamba]\n---\n# Snake\n\nThe animal.")
            .Write("State Spaces.md", "---\naliases: [Mamba Models]\n---\n# State Spaces\n\nSee [[Mamba Kernels]].")
            .Write("Zoo.md", "# Zoo\n\nNothing like it.");
        await app.ImportVaultAsync(vault.Root);

        var options = await SwitchAsync("mamba");

        Assert.Equal(
            [("Mamba", false), ("Snake", false), ("Mamba Two", false), ("State Spaces", false), ("Mamba Kernels", true), ("Mambo", false)],
            options.Select(o => (o.Title, o.IsConcept)));
    }

    [Fact]
    public async Task NamesLikeWhatWasTypedRankMostAlikeFirst()
    {
        using var vault = new TempVault("dances")
            .Write("Flamenco.md", "# Flamenco\n\nA dance.")
            .Write("Flamingo.md", "# Flamingo\n\nA bird, and a model.");
        await app.ImportVaultAsync(vault.Root);

        var options = await SwitchAsync("flamngo");

        Assert.Equal(["Flamingo", "Flamenco"], options.Select(o => o.Title));
    }

    // Seen in the dataview example vault: 15 notes named "meta", one per book folder, more than the switcher lists.
    [Fact]
    public async Task NotesOfOneNameAreToldApartByTheirFolders()
    {
        using var vault = new TempVault("books");
        foreach (var book in Enumerable.Range(1, 10).Select(n => $"Book {n}").Append("Die Gefährten"))
        {
            vault.Write($"German/{book}/meta.md", $"About {book}.");
        }
        await app.ImportVaultAsync(vault.Root);

        var byName = await SwitchAsync("meta");
        var byFolder = await SwitchAsync("Die Gefährten/meta");

        Assert.Equal(8, byName.Count(o => o.Title == "meta"));
        Assert.Equal("books · German/Die Gefährten/meta.md", byFolder[0].Detail);
        Assert.Single(byFolder, o => o.Title == "meta");
    }

    [Fact]
    public async Task AReimportRenamesRemovesAndAddsNamesAndAWrittenConceptStopsBeingOne()
    {
        using var vault = new TempVault("kept")
            .Write("Alpha.md", "---\naliases: [Origin]\n---\n# Alpha\n\nFirst.")
            .Write("Beta.md", "# Beta\n\nSee [[Gamma Ray]].")
            .Write("Delta.md", "# Delta\n\nFourth.");
        await app.ImportVaultAsync(vault.Root);
        Assert.Equal("/notes/kept/alpha", (await SwitchAsync("origin"))[0].Url);
        Assert.Contains(new SwitcherOption("Gamma Ray", "/concepts/gamma-ray", "Not yet written", true), await SwitchAsync("gamma ray"));
        Assert.Equal("/notes/kept/delta", (await SwitchAsync("delta"))[0].Url);

        vault.Write("Alpha.md", "---\ntitle: Alpha Prime\naliases: [Genesis]\n---\n# Alpha\n\nFirst.")
            .Move("Beta.md", "Greek/Beta.md")
            .Delete("Delta.md")
            .Write("Gamma Ray.md", "# Gamma Ray\n\nWritten at last.");
        await app.ImportVaultAsync(vault.Root);

        Assert.Equal(new SwitcherOption("Alpha Prime", "/notes/kept/alpha", "kept · Alpha.md", false), (await SwitchAsync("alpha prime"))[0]);
        Assert.Equal("/notes/kept/alpha", (await SwitchAsync("genesis"))[0].Url);
        Assert.DoesNotContain(await SwitchAsync("origin"), o => o.Url == "/notes/kept/alpha");
        Assert.Equal("kept · Greek/Beta.md", (await SwitchAsync("beta"))[0].Detail);
        Assert.DoesNotContain(await SwitchAsync("delta"), o => o.Url == "/notes/kept/delta");
        var gamma = await SwitchAsync("gamma ray");
        Assert.Equal(("/notes/kept/gamma-ray", false), (gamma[0].Url, gamma[0].IsConcept));
        Assert.DoesNotContain(gamma, o => o.IsConcept);
        Assert.Equal(
            [("Alpha", SwitcherNameKind.FileName, "/notes/kept/alpha"), ("Alpha Prime", SwitcherNameKind.Title, "/notes/kept/alpha"),
             ("Beta", SwitcherNameKind.Title, "/notes/kept/greek/beta"),
             ("Gamma Ray", SwitcherNameKind.Title, "/notes/kept/gamma-ray"), ("Genesis", SwitcherNameKind.Alias, "/notes/kept/alpha")],
            await NamesAsync("kept"));
    }

    [Fact]
    public async Task ReimportingAnUnchangedVaultKeepsItsNamesAsTheyAre()
    {
        using var vault = new TempVault("steady")
            .Write("One.md", "---\naliases: [First]\n---\n# One\n\nLinks to [[Nowhere]].")
            .Write("Two.md", "# Two\n\nBack to [[One]].");
        await app.ImportVaultAsync(vault.Root);
        var before = await RowIdsAsync("steady");

        await app.ImportVaultAsync(vault.Root);

        Assert.Equal(4, before.Count);
        Assert.Equal(before, await RowIdsAsync("steady"));
    }

    // Imports that add no note, link or name of their own still change the names and words they leave behind.
    [Fact]
    public async Task AReimportThatOnlyEditsANoteRefreshesTheWords()
    {
        using var vault = await ImportStarsAsync("only-edit");

        await app.ImportVaultAsync(vault.Write("Beta.md", "# Beta\n\nAbout magnetars.").Root);

        var words = await WordsAsync("only-edit");
        Assert.Contains("magnetars", words);
        Assert.DoesNotContain("pulsars", words);
    }

    [Fact]
    public async Task AReimportThatOnlyMovesANoteRefreshesItsName()
    {
        using var vault = await ImportStarsAsync("only-move");

        await app.ImportVaultAsync(vault.Move("Beta.md", "Stars/Beta.md").Root);

        Assert.Equal(["only-move · Alpha.md", "only-move · Stars/Beta.md"], await DetailsAsync("only-move"));
    }

    [Fact]
    public async Task AReimportThatOnlyRemovesANoteRemovesItsNameAndWords()
    {
        using var vault = await ImportStarsAsync("only-remove");

        await app.ImportVaultAsync(vault.Delete("Beta.md").Root);

        Assert.Equal(["only-remove · Alpha.md"], await DetailsAsync("only-remove"));
        Assert.DoesNotContain("pulsars", await WordsAsync("only-remove"));
    }

    async Task<TempVault> ImportStarsAsync(string name)
    {
        var vault = new TempVault(name).Write("Alpha.md", "# Alpha\n\nAbout quasars.").Write("Beta.md", "# Beta\n\nAbout pulsars.");
        await app.ImportVaultAsync(vault.Root);
        Assert.Equal([$"{name} · Alpha.md", $"{name} · Beta.md"], await DetailsAsync(name));
        Assert.Contains("pulsars", await WordsAsync(name));
        return vault;
    }

    async Task<List<string>> WordsAsync(string vault)
    {
        await using var db = app.Database.CreateContext();
        return await db.SearchWords.Where(w => db.Vaults.Any(v => v.Id == w.VaultId && v.Name == vault)).Select(w => w.Word).ToListAsync();
    }

    async Task<List<string>> DetailsAsync(string vault)
    {
        await using var db = app.Database.CreateContext();
        return await db.SwitcherNames.Where(n => db.Vaults.Any(v => v.Id == n.VaultId && v.Name == vault)).OrderBy(n => n.Detail).Select(n => n.Detail).ToListAsync();
    }

    async Task<List<(string, SwitcherNameKind, string)>> NamesAsync(string vault)
    {
        await using var db = app.Database.CreateContext();
        var names = await db.SwitcherNames.Where(n => db.Vaults.Any(v => v.Id == n.VaultId && v.Name == vault))
            .OrderBy(n => n.Name).Select(n => new { n.Name, n.Kind, n.Url }).ToListAsync();
        return names.ConvertAll(n => (n.Name, n.Kind, n.Url));
    }

    async Task<List<long>> RowIdsAsync(string vault)
    {
        await using var db = app.Database.CreateContext();
        return await db.SwitcherNames.Where(n => db.Vaults.Any(v => v.Id == n.VaultId && v.Name == vault)).OrderBy(n => n.Id).Select(n => n.Id).ToListAsync();
    }

    async Task<List<SwitcherOption>> SwitchAsync(string typed)
    {
        using var client = app.CreateClient();
        return (await client.GetFromJsonAsync<List<SwitcherOption>>(new Uri($"/api/switcher?q={Uri.EscapeDataString(typed)}", UriKind.Relative)))!;
    }
}
