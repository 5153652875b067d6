using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using StudyHub.Testing;
using StudyHub.Web.Features.Accounts;

namespace StudyHub.Web.Tests.Reading;

/// A note is read at /notes/{vault}/{folders}/{name}, from its vault and path alone; every older address answers
/// with a permanent redirect to it, and the site's files list only what anyone may read.
public sealed partial class NoteAddressTests(StudyHubApp app) : IClassFixture<StudyHubApp>
{
    [Fact]
    public async Task AVaultsAddressesDoNotDependOnWhatWasImportedBeforeIt()
    {
        using var papers = new TempVault("papers")
            .Write("Models/CLIP.md", "# Paper Figures\n\nContrastive pretraining.")
            .Write("Notes/CLIP.md", "# CLIP\n\nMy notes.")
            .Write("CLIP.md", "The paper.");
        using var lectures = new TempVault("lectures").Write("CLIP.md", "# CLIP\n\nThe lecture.");
        await using var other = new StudyHubApp();
        await other.InitializeAsync();

        await app.ImportVaultAsync(papers.Root, "papers");
        await app.ImportVaultAsync(lectures.Root, "lectures");
        await other.ImportVaultAsync(lectures.Root, "lectures");
        await other.ImportVaultAsync(papers.Root, "papers");

        var here = (await AddressesAsync(app, "papers")).Concat(await AddressesAsync(app, "lectures")).ToList();
        Assert.Equal(here, (await AddressesAsync(other, "papers")).Concat(await AddressesAsync(other, "lectures")));
        Assert.Equal(
            ["CLIP.md /notes/papers/clip", "Models/CLIP.md /notes/papers/models/clip", "Notes/CLIP.md /notes/papers/notes/clip",
             "CLIP.md /notes/lectures/clip"],
            here);
    }

    [Fact]
    public async Task AReimportKeepsANotesAddressWhenItsTitleChanges()
    {
        using var vault = new TempVault("kept").Write("Models/CLIP.md", "# CLIP\n\nFirst text.").Write("Linker.md", "See [[CLIP]].");
        await app.ImportVaultAsync(vault.Root, "kept");
        using var client = Client();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/notes/kept/models/clip", UriKind.Relative))).StatusCode);

        vault.Write("Models/CLIP.md", "# Paper Figures\n\nSecond text.");
        await app.ImportVaultAsync(vault.Root, "kept");

        var page = await client.GetStringAsync(new Uri("/notes/kept/models/clip", UriKind.Relative));
        Assert.Contains("Second text.", page, StringComparison.Ordinal);
        Assert.Contains("<link rel=\"canonical\" href=\"http://localhost/notes/kept/models/clip\"", page, StringComparison.Ordinal);
        Assert.Contains("<meta property=\"og:url\" content=\"http://localhost/notes/kept/models/clip\"", page, StringComparison.Ordinal);
        var linker = await client.GetStringAsync(new Uri("/notes/kept/linker", UriKind.Relative));
        Assert.Contains("href=\"/notes/kept/models/clip\"", linker, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NotesWhoseNamesSlugAlikeGetDistinctReadableAddresses()
    {
        using var vault = new TempVault("clash")
            .Write("Notes/clip.md", "Lower case clip.")
            .Write("Notes/CLIP.md", "Upper case CLIP.")
            .Write("Transformers.md", "The transformer note.")
            .Write("Transformers/Attention.md", "The attention note.");
        await app.ImportVaultAsync(vault.Root, "clash");
        using var client = Client();

        var listed = await AddressesAsync(app, "clash");
        var lower = listed.Single(c => c.StartsWith("Notes/clip.md ", StringComparison.Ordinal)).Split(' ')[^1];
        var upper = listed.Single(c => c.StartsWith("Notes/CLIP.md ", StringComparison.Ordinal)).Split(' ')[^1];
        Assert.NotEqual(lower, upper);
        Assert.Matches("^/notes/clash/notes/clip-[0-9a-f]{6}$", lower);
        Assert.Matches("^/notes/clash/notes/clip-[0-9a-f]{6}$", upper);
        Assert.Contains("Lower case clip.", await client.GetStringAsync(new Uri(lower, UriKind.Relative)), StringComparison.Ordinal);
        Assert.Contains("Upper case CLIP.", await client.GetStringAsync(new Uri(upper, UriKind.Relative)), StringComparison.Ordinal);
        Assert.Contains("The transformer note.", await client.GetStringAsync(new Uri("/notes/clash/transformers", UriKind.Relative)), StringComparison.Ordinal);
        Assert.Contains("The attention note.", await client.GetStringAsync(new Uri("/notes/clash/transformers/attention", UriKind.Relative)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnOldStyleSlugAnswersWithAPermanentRedirectToTheNotesAddress()
    {
        using var first = new TempVault("zebra-a").Write("Zebra Crossing Notes.md", "Stripes, first.");
        using var second = new TempVault("zebra-b").Write("Zebra Crossing Notes.md", "Stripes, second.");
        await app.ImportVaultAsync(first.Root, "zebra-a");
        await app.ImportVaultAsync(second.Root, "zebra-b");
        using var client = Client();

        using var counted = await client.GetAsync(new Uri("/notes/zebra-crossing-notes-2?t=30", UriKind.Relative));

        Assert.Equal(HttpStatusCode.MovedPermanently, counted.StatusCode);
        Assert.Equal("/notes/zebra-b/zebra-crossing-notes?t=30", counted.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task AfterTheUpgradeOldSlugsKeepAnsweringAndTheNextImportRedirectsThem()
    {
        using var vault = new TempVault("upgraded").Write("Lectures/Upgrade Day.md", "Before and after.");
        await app.ImportVaultAsync(vault.Root, "upgraded");
        await using var db = app.Database.CreateContext();
        // As the migration leaves a note imported before addresses: its slug is its address.
        await db.Database.ExecuteSqlRawAsync(
            """UPDATE "Notes" SET "Address" = "Slug" WHERE "VaultId" = (SELECT "Id" FROM "Vaults" WHERE "Name" = 'upgraded')""");
        var slug = await db.Notes.Where(n => n.Vault.Name == "upgraded").Select(n => n.Slug).SingleAsync();
        using var client = Client();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri($"/notes/{slug}", UriKind.Relative))).StatusCode);

        await app.ImportVaultAsync(vault.Root, "upgraded");
        using var redirected = await client.GetAsync(new Uri($"/notes/{slug}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.MovedPermanently, redirected.StatusCode);
        Assert.Equal("/notes/upgraded/lectures/upgrade-day", redirected.Headers.Location!.OriginalString);

        vault.Move("Lectures/Upgrade Day.md", "Archive/Upgrade Day.md");
        await app.ImportVaultAsync(vault.Root, "upgraded");
        using var moved = await client.GetAsync(new Uri("/notes/upgraded/lectures/upgrade-day", UriKind.Relative));
        using var movedSlug = await client.GetAsync(new Uri($"/notes/{slug}", UriKind.Relative));
        Assert.Equal((HttpStatusCode.MovedPermanently, "/notes/upgraded/archive/upgrade-day"), (moved.StatusCode, moved.Headers.Location!.OriginalString));
        Assert.Equal((HttpStatusCode.MovedPermanently, "/notes/upgraded/archive/upgrade-day"), (movedSlug.StatusCode, movedSlug.Headers.Location!.OriginalString));
    }

    [Fact]
    public async Task ShareLinksAndAnnotationLinksOpenTheNotesAddress()
    {
        using var vault = new TempVault("guarded").Write("Secret Plans.md", "The plans are guarded well.");
        await app.ImportVaultAsync(vault.Root, "guarded");
        await MembersOnlyAsync("guarded");
        await app.CreateUserAsync("address-editor@example.org", Roles.Editor);
        await using var db = app.Database.CreateContext();
        var slug = await db.Notes.Where(n => n.Vault.Name == "guarded").Select(n => n.Slug).SingleAsync();
        using var editor = await app.ClientAsync("address-editor@example.org");

        using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["days"] = "3" });
        using var created = await editor.PostAsync(new Uri($"/notes/{slug}/shares", UriKind.Relative), form);
        Assert.Equal("/notes/guarded/secret-plans#sharing", created.Headers.Location!.OriginalString);
        var token = await db.NoteShares.Where(s => db.Notes.Any(n => n.Id == s.NoteId && n.Vault.Name == "guarded")).Select(s => s.Token).SingleAsync();
        using var visitor = Client();
        using var shared = await visitor.GetAsync(new Uri($"/shared/{token}", UriKind.Relative));
        Assert.Equal("/notes/guarded/secret-plans", shared.Headers.Location!.AbsolutePath);
        Assert.Contains("The plans are guarded well.", await visitor.GetStringAsync(shared.Headers.Location), StringComparison.Ordinal);

        using var annotated = await editor.PostAsJsonAsync(new Uri($"/api/notes/{slug}/annotations", UriKind.Relative),
            new { quote = "guarded well", body = "How well?", visibility = "Members", mediaSeconds = 12 });
        var id = (await annotated.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        using var opened = await editor.GetAsync(new Uri($"/annotations/{id}", UriKind.Relative));
        Assert.Equal($"/notes/guarded/secret-plans?t=12#annotation-{id}", opened.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task TheSitemapListsOnlyNotesAnyoneMayReadAndRobotsPointToIt()
    {
        using var open = new TempVault("mapped-open").Write("Open Map.md", "Open.");
        using var closed = new TempVault("mapped-closed").Write("Closed Map.md", "Closed.");
        await app.ImportVaultAsync(open.Root, "mapped-open");
        await app.ImportVaultAsync(closed.Root, "mapped-closed");
        await MembersOnlyAsync("mapped-closed");
        await app.CreateUserAsync("address-member@example.org");

        foreach (var client in new[] { Client(), await app.ClientAsync("address-member@example.org") })
        {
            using var response = await client.GetAsync(new Uri("/sitemap.xml", UriKind.Relative));
            Assert.Equal("application/xml", response.Content.Headers.ContentType!.MediaType);
            XNamespace sitemaps = "http://www.sitemaps.org/schemas/sitemap/0.9";
            var locations = XDocument.Parse(await response.Content.ReadAsStringAsync()).Descendants(sitemaps + "loc").Select(l => l.Value).ToList();
            Assert.Contains("http://localhost/notes/mapped-open/open-map", locations);
            Assert.DoesNotContain(locations, l => l.Contains("mapped-closed", StringComparison.Ordinal));
            client.Dispose();
        }
        var robots = await Client().GetStringAsync(new Uri("/robots.txt", UriKind.Relative));
        Assert.Contains("Sitemap: http://localhost/sitemap.xml", robots, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AVaultsFeedListsItsNewAndChangedNotesNewestFirst()
    {
        using var vault = new TempVault("fed").Write("Unchanged.md", "Stays.").Write("Changed.md", "First words.");
        await app.ImportVaultAsync(vault.Root, "fed");
        vault.Write("Changed.md", "Second words.").Write("Added.md", "New here.");
        await app.ImportVaultAsync(vault.Root, "fed");
        using var client = Client();

        using var response = await client.GetAsync(new Uri("/notes/fed/feed.atom", UriKind.Relative));

        Assert.Equal("application/atom+xml", response.Content.Headers.ContentType!.MediaType);
        XNamespace atom = "http://www.w3.org/2005/Atom";
        var entries = XDocument.Parse(await response.Content.ReadAsStringAsync()).Descendants(atom + "entry")
            .Select(e => (Title: e.Element(atom + "title")!.Value, Link: e.Element(atom + "link")!.Attribute("href")!.Value,
                Updated: DateTimeOffset.Parse(e.Element(atom + "updated")!.Value, System.Globalization.CultureInfo.InvariantCulture)))
            .ToList();
        Assert.Equal(["Added", "Changed", "Unchanged"], entries.Select(e => e.Title));
        Assert.Equal("http://localhost/notes/fed/changed", entries[1].Link);
        Assert.True(entries[1].Updated > entries[2].Updated);
        Assert.Contains("href=\"/notes/fed/feed.atom\"", await client.GetStringAsync(new Uri("/notes/fed/changed", UriKind.Relative)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AMembersOnlyVaultsFeedIsForMembersOnly()
    {
        using var vault = new TempVault("fed-closed").Write("Hidden.md", "Hidden words.");
        await app.ImportVaultAsync(vault.Root, "fed-closed");
        await MembersOnlyAsync("fed-closed");
        await app.CreateUserAsync("feed-member@example.org");
        using var member = await app.ClientAsync("feed-member@example.org");

        using var visitors = await Client().GetAsync(new Uri("/notes/fed-closed/feed.atom", UriKind.Relative));
        using var members = await member.GetAsync(new Uri("/notes/fed-closed/feed.atom", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, visitors.StatusCode);
        Assert.Contains("<link href=\"http://localhost/notes/fed-closed/hidden\" />", await members.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    HttpClient Client() => app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    /// Each note the vault's page lists (all on its first page), as "path address", in order of path.
    static async Task<List<string>> AddressesAsync(StudyHubApp app, string vault)
    {
        using var client = app.CreateClient();
        var page = await client.GetStringAsync(new Uri($"/vaults/{vault}", UriKind.Relative));
        return [.. VaultListing().Matches(page).Select(m => $"{m.Groups[2].Value} {m.Groups[1].Value}").Order(StringComparer.Ordinal)];
    }

    [GeneratedRegex("<a href=\"(/notes/[^\"]+)\">[^<]*</a> <span class=\"note-path\">([^<]+)</span>")]
    private static partial Regex VaultListing();

    async Task MembersOnlyAsync(string vault) => await AdminCommandTests.RunAppAsync(["vault-access", vault, "members"], new()
    {
        ["ASPNETCORE_ENVIRONMENT"] = "Production",
        ["ConnectionStrings__StudyHub"] = app.Database.ConnectionString,
    });
}
