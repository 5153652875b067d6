using System.Xml.Linq;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using StudyHub.Testing;

namespace StudyHub.Web.Tests.Reading;

/// A site with more notes than one sitemap holds answers /sitemap.xml with an index of sitemaps, which together list
/// each note anyone may read once.
public sealed class SitemapTests(SitemapTests.TwoNotesPerSitemap app) : IClassFixture<SitemapTests.TwoNotesPerSitemap>
{
    static readonly XNamespace Sitemaps = "http://www.sitemaps.org/schemas/sitemap/0.9";

    [Fact]
    public async Task ALargeSitesSitemapIsAnIndexOfSitemapsThatListEachReadableNoteOnce()
    {
        using var open = new TempVault("open-map").Write("A.md", "A.").Write("B.md", "B.").Write("C.md", "C.").Write("D/E.md", "E.").Write("F.md", "F.");
        using var closed = new TempVault("closed-map").Write("Secret.md", "Hidden.").Write("Plans.md", "Hidden.");
        await app.ImportVaultAsync(open.Root, "open-map");
        await app.ImportVaultAsync(closed.Root, "closed-map");
        await using (var db = app.Database.CreateContext())
        {
            await db.Vaults.Where(v => v.Name == "closed-map").ExecuteUpdateAsync(v => v.SetProperty(x => x.MembersOnly, true));
        }
        using var client = app.CreateClient();

        var index = XDocument.Parse(await client.GetStringAsync(new Uri("/sitemap.xml", UriKind.Relative)));

        Assert.Equal(Sitemaps + "sitemapindex", index.Root!.Name);
        var sitemaps = index.Descendants(Sitemaps + "loc").Select(l => new Uri(l.Value).PathAndQuery).ToList();
        Assert.Equal(3, sitemaps.Count);
        var listed = new List<string>();
        foreach (var sitemap in sitemaps)
        {
            var notes = XDocument.Parse(await client.GetStringAsync(new Uri(sitemap, UriKind.Relative)));
            Assert.Equal(Sitemaps + "urlset", notes.Root!.Name);
            listed.AddRange(notes.Descendants(Sitemaps + "loc").Select(l => new Uri(l.Value).AbsolutePath));
        }
        Assert.Equal(
            ["/notes/open-map/a", "/notes/open-map/b", "/notes/open-map/c", "/notes/open-map/d/e", "/notes/open-map/f"],
            listed);
    }

    public sealed class TwoNotesPerSitemap : StudyHubApp
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Sitemap:NotesPerFile", "2");
        }
    }
}
