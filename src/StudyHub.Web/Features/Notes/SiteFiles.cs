using System.Text;
using System.Xml;
using System.Xml.Linq;
using Microsoft.EntityFrameworkCore;
using StudyHub.Web.Data;
using StudyHub.Web.Features.Vaults;

namespace StudyHub.Web.Features.Notes;

/// What search engines and feed readers ask for: /robots.txt, /sitemap.xml of every note anyone may read, and an
/// Atom feed of each vault's new and changed notes. Members-only vaults appear in none of them.
public static class SiteFiles
{
    /// Notes in one sitemap (Sitemap:NotesPerFile; the protocol allows 50,000). A larger site's /sitemap.xml is an index
    /// of sitemaps, each this many notes from an address on, so that no request reads the whole vault.
    const int SitemapNotes = 10_000;
    const int FeedEntries = 50;

    static readonly XNamespace Sitemaps = "http://www.sitemaps.org/schemas/sitemap/0.9";
    static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";

    /// The vault's feed, beside its notes' addresses; no note's address has a dot, so none is taken.
    public static string FeedHref(string vaultSlug) => $"{NoteAddress.Prefix}{Uri.EscapeDataString(vaultSlug)}/feed.atom";

    public static void MapSiteFiles(this WebApplication app)
    {
        app.MapGet("/robots.txt", (HttpContext http) => Results.Text(
            $"""
            User-agent: *
            Disallow: /account/
            Disallow: /admin/
            Disallow: /api/
            Disallow: /shared/
            Sitemap: {SiteOf(http.Request)}/sitemap.xml

            """, "text/plain", Encoding.UTF8)).ExcludeFromDescription();

        var notesPerSitemap = app.Configuration.GetValue("Sitemap:NotesPerFile", SitemapNotes);
        app.MapGet("/sitemap.xml", async (string? from, HttpContext http, IDbContextFactory<StudyHubDbContext> contexts, CancellationToken cancellationToken) =>
        {
            // The same for every visitor, signed in or not: only what anyone may read.
            await using var db = (await contexts.CreateDbContextAsync(cancellationToken)).ReadingAs(ReadAccess.None);
            var site = SiteOf(http.Request);
            if (from is null)
            {
                // The address each sitemap starts at, each found from the one before along the addresses' index. Numbering
                // every address instead had PostgreSQL sort them all: 34 s at 100,000 notes on a loaded machine, against 2 s.
                var starts = await db.Database.SqlQuery<string>($"""
                    WITH RECURSIVE starts AS (
                        (SELECT n."Address" FROM studyhub_readable_notes(FALSE) n ORDER BY n."Address" LIMIT 1)
                        UNION ALL
                        SELECT (SELECT n."Address" FROM studyhub_readable_notes(FALSE) n WHERE n."Address" > s."Address"
                                ORDER BY n."Address" OFFSET {notesPerSitemap - 1} LIMIT 1)
                        FROM starts s WHERE s."Address" IS NOT NULL
                    )
                    SELECT "Address" AS "Value" FROM starts WHERE "Address" IS NOT NULL
                    """).ToListAsync(cancellationToken);
                if (starts.Count > 1)
                {
                    return Xml(new XElement(Sitemaps + "sitemapindex", starts.Select(start => new XElement(Sitemaps + "sitemap",
                        new XElement(Sitemaps + "loc", $"{site}/sitemap.xml?from={Uri.EscapeDataString(start)}")))), "application/xml");
                }
            }
            // SQL's >=, in the order of the column's collation, which the starts above were taken in.
#pragma warning disable CA1309
            var notes = await db.Notes.Where(n => from == null || string.Compare(n.Address, from) >= 0)
#pragma warning restore CA1309
                .OrderBy(n => n.Address).Select(n => new { n.Address, n.UpdatedAt }).Take(notesPerSitemap).ToListAsync(cancellationToken);
            var sitemap = new XElement(Sitemaps + "urlset", notes.Select(n => new XElement(Sitemaps + "url",
                new XElement(Sitemaps + "loc", site + NoteAddress.Href(n.Address)),
                new XElement(Sitemaps + "lastmod", XmlConvert.ToString(n.UpdatedAt)))));
            return Xml(sitemap, "application/xml");
        }).ExcludeFromDescription();

        app.MapGet("/notes/{vault}/feed.atom", async (string vault, HttpContext http, IDbContextFactory<StudyHubDbContext> contexts,
            CancellationToken cancellationToken) =>
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            var found = await db.ReadableVaults.Where(v => v.Slug == vault)
                .Select(v => new { v.Name, v.Slug, v.CreatedAt }).SingleOrDefaultAsync(cancellationToken);
            if (found is null)
            {
                return Results.NotFound();
            }
            var notes = await db.Notes.Where(n => n.Vault.Slug == vault)
                .OrderByDescending(n => n.UpdatedAt).ThenBy(n => n.Address).Take(FeedEntries)
                .Select(n => new { n.Id, n.Title, n.Address, n.Path, n.PlainText, n.CreatedAt, n.UpdatedAt })
                .ToListAsync(cancellationToken);
            var site = SiteOf(http.Request);
            var feed = new XElement(Atom + "feed",
                new XElement(Atom + "id", site + FeedHref(found.Slug)),
                new XElement(Atom + "title", $"{found.Name} · StudyHub"),
                new XElement(Atom + "subtitle", "New and changed notes"),
                new XElement(Atom + "updated", XmlConvert.ToString(notes.Count > 0 ? notes[0].UpdatedAt : found.CreatedAt)),
                new XElement(Atom + "link", new XAttribute("rel", "self"), new XAttribute("href", site + FeedHref(found.Slug))),
                new XElement(Atom + "link", new XAttribute("rel", "alternate"), new XAttribute("href", site + VaultNotes.Href(found.Slug))),
                notes.Select(n => new XElement(Atom + "entry",
                    // The note's id, not its address: an entry stays the same entry when its file moves.
                    new XElement(Atom + "id", $"urn:uuid:{n.Id}"),
                    new XElement(Atom + "title", Text(n.Title)),
                    new XElement(Atom + "link", new XAttribute("href", site + NoteAddress.Href(n.Address))),
                    new XElement(Atom + "published", XmlConvert.ToString(n.CreatedAt)),
                    new XElement(Atom + "updated", XmlConvert.ToString(n.UpdatedAt)),
                    new XElement(Atom + "author", new XElement(Atom + "name", found.Name)),
                    new XElement(Atom + "summary", Text(PlainText.Lead(n.PlainText, 400))))));
            return Xml(feed, "application/atom+xml");
        }).ExcludeFromDescription();
    }

    /// Control characters a note may hold are not allowed in XML at all, not even escaped.
    static string Text(string text) => string.Concat(text.Where(c => !char.IsControl(c) || c is '\t' or '\n' or '\r'));

    static string SiteOf(HttpRequest request) => $"{request.Scheme}://{request.Host}{request.PathBase}";

    static IResult Xml(XElement root, string contentType) =>
        Results.Text(new XDocument(new XDeclaration("1.0", "utf-8", null), root).Declaration + "\n" + root, $"{contentType}; charset=utf-8");
}
