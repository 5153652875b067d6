using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Microsoft.EntityFrameworkCore;
using StudyHub.Testing;
using StudyHub.Web.Features.Notes;

namespace StudyHub.Fidelity;

public sealed record Defect(string Kind, string Where, string Detail);

public sealed record CorpusResult(string Corpus, int Notes, int Pages, IReadOnlyList<Defect> Defects);

/// Imports one vault into a database of its own, crawls every page the site shows for it, and lists what is not as
/// Obsidian shows the files: server errors, raw wikilinks, missing pages and images, titles, the switcher, and the
/// links, embeds and tags of each note against RawNote's count.
public static class FidelityCheck
{
    public static readonly string[] Kinds =
        ["server error", "raw [[ in a page", "link to a missing page", "broken image or media", "title is not the name",
         "switcher does not find the name", "links differ", "embeds differ", "tags differ"];

    // Pages a reader can open without an account; the rest need a sign-in or are endless streams.
    static readonly Regex EscapedWikilink = new(@"\\\[\\\[(?<text>[^\]\n]*?)\\\]\\\]");

    static readonly string[] NotCrawled = ["/account", "/admin", "/annotations", "/shared", "/openapi", "/api/", "/_", "/css/", "/js/", "/lib/"];

    public static async Task<CorpusResult> RunAsync(string vaultFolder)
    {
        var corpus = Path.GetFileName(Path.TrimEndingDirectorySeparator(vaultFolder));
        await using var app = new StudyHubApp();
        await app.InitializeAsync();
        await app.ImportVaultAsync(vaultFolder, corpus);
        using var client = app.CreateClient();

        await using var db = app.Database.CreateContext();
        var notes = await db.Notes.Where(n => n.DeletedAt == null).Select(n => new { n.Path, n.Address }).ToListAsync();
        var defects = new List<Defect>();
        // "\[\[text\]\]" in a file is literal brackets, shown as such by Obsidian too.
        var literal = Directory.EnumerateFiles(vaultFolder, "*.md", SearchOption.AllDirectories)
            .SelectMany(f => EscapedWikilink.Matches(File.ReadAllText(f)).Select(m => m.Groups["text"].Value))
            .ToHashSet(StringComparer.Ordinal);
        var crawl = new Crawl(client, defects, literal);
        var namesakes = notes.CountBy(n => Path.GetFileNameWithoutExtension(n.Path), StringComparer.OrdinalIgnoreCase)
            .ToDictionary(StringComparer.OrdinalIgnoreCase);

        foreach (var note in notes.OrderBy(n => n.Path, StringComparer.Ordinal))
        {
            var raw = RawNote.Read(note.Path, await File.ReadAllTextAsync(Path.Combine(vaultFolder, note.Path)));
            var (address, page) = await crawl.OpenAsync(NoteAddress.Href(note.Address), note.Path);
            await crawl.OpenAsync("/api/previews/" + NoteAddress.Href(note.Address)[NoteAddress.Prefix.Length..], note.Path);
            if (page is null)
            {
                continue;
            }
            var shown = page.QuerySelector("article.note header h1")?.TextContent.Trim();
            if (shown != raw.Name)
            {
                defects.Add(new("title is not the name", note.Path, $"shown as \"{shown}\", named \"{raw.Name}\""));
            }
            // A name that several notes share finds them as Obsidian's switcher does, told apart by their folders.
            var folder = Path.GetFileName(Path.GetDirectoryName(note.Path));
            if (!await SwitcherFindsAsync(client, raw.Name, address)
                && !(namesakes.GetValueOrDefault(raw.Name) > 1 && !string.IsNullOrEmpty(folder) && await SwitcherFindsAsync(client, $"{folder}/{raw.Name}", address)))
            {
                defects.Add(new("switcher does not find the name", note.Path, $"/api/switcher?q={raw.Name} (or {folder}/{raw.Name}) does not offer {address}"));
            }
            Compare(defects, note.Path, page, raw);
        }

        foreach (var start in new[] { "/", "/concepts", "/tags", "/graph", "/api/graph" })
        {
            await crawl.OpenAsync(start, "(start)");
        }
        await crawl.FollowLinksAsync();
        return new CorpusResult(corpus, notes.Count, crawl.Pages, defects);
    }

    static async Task<bool> SwitcherFindsAsync(HttpClient client, string name, string address)
    {
        var options = await client.GetFromJsonAsync<List<SwitcherOffer>>(new Uri($"/api/switcher?q={Uri.EscapeDataString(name)}", UriKind.Relative));
        return options!.Exists(o => Uri.UnescapeDataString(o.Url) == Uri.UnescapeDataString(address));
    }

    sealed record SwitcherOffer(string Url);

    /// The note's own links, embeds and tags as its page shows them: what an embedded note brings along is its own.
    static void Compare(List<Defect> defects, string path, IDocument page, RawNote raw)
    {
        var body = page.QuerySelector("div.note-body");
        if (body is null)
        {
            defects.Add(new("links differ", path, "the page has no note body"));
            return;
        }
        var own = body.Descendants<IElement>().Where(e => e.ParentElement?.Closest(".embed-note, .embed-missing") is null).ToList();
        var links = own.Count(e => e.Matches("a.wikilink"));
        var embeds = own.Count(e => e.Matches(".embed-note, .embed-missing, .embed-notice, img, audio, video, .embed-pdf")
            || (e.Matches("a.embed-download") && e.ParentElement?.Matches(".embed-pdf") != true));
        if (links != raw.Links)
        {
            defects.Add(new("links differ", path, $"{links} on the page, {raw.Links} in the file"));
        }
        if (embeds != raw.Embeds)
        {
            defects.Add(new("embeds differ", path, $"{embeds} on the page, {raw.Embeds} in the file"));
        }
        var tags = page.QuerySelectorAll(".note-meta a.tag").Select(a => a.TextContent.Trim().TrimStart('#')).ToHashSet(StringComparer.OrdinalIgnoreCase);
        if (!tags.SetEquals(raw.Tags))
        {
            defects.Add(new("tags differ", path,
                $"only on the page: [{string.Join(", ", tags.Except(raw.Tags, StringComparer.OrdinalIgnoreCase))}], " +
                $"only in the file: [{string.Join(", ", raw.Tags.Except(tags, StringComparer.OrdinalIgnoreCase))}]"));
        }
    }

    sealed class Crawl(HttpClient client, List<Defect> defects, IReadOnlySet<string> literal)
    {
        readonly HtmlParser _parser = new();
        readonly HashSet<string> _seen = [];
        readonly Queue<(string Url, string From)> _next = new();

        public int Pages => _seen.Count;

        /// Opens an address of the site, checks it and what it links to, and returns where it ended and its page.
        public async Task<(string Address, IDocument? Page)> OpenAsync(string url, string from)
        {
            _seen.Add(url);
            using var response = await client.GetAsync(new Uri(url, UriKind.Relative));
            var address = response.RequestMessage!.RequestUri!.PathAndQuery;
            if (!Check(response, url, from, "link to a missing page"))
            {
                return (address, null);
            }
            if (response.Content.Headers.ContentType?.MediaType != "text/html")
            {
                return (address, null);
            }
            var page = await _parser.ParseDocumentAsync(await response.Content.ReadAsStringAsync());
            CheckText(page, url);
            foreach (var link in page.QuerySelectorAll("a[href]"))
            {
                Enqueue(link.GetAttribute("href")!, url);
            }
            foreach (var media in page.QuerySelectorAll("img[src], audio[src], video[src], source[src], iframe[src]"))
            {
                var source = media.GetAttribute("src")!;
                if (IsOnSite(source) && _seen.Add(Path(source)))
                {
                    using var file = await client.GetAsync(new Uri(Path(source), UriKind.Relative));
                    Check(file, source, url, "broken image or media");
                }
            }
            return (address, page);
        }

        public async Task FollowLinksAsync()
        {
            while (_next.TryDequeue(out var link))
            {
                await OpenAsync(link.Url, link.From);
            }
        }

        void Enqueue(string href, string from)
        {
            if (IsOnSite(href) && !Array.Exists(NotCrawled, p => href.StartsWith(p, StringComparison.Ordinal)) && !_seen.Contains(Path(href)))
            {
                _seen.Add(Path(href));
                _next.Enqueue((Path(href), from));
            }
        }

        bool Check(HttpResponseMessage response, string url, string from, string missingKind)
        {
            if ((int)response.StatusCode >= 500)
            {
                defects.Add(new("server error", url, $"{(int)response.StatusCode}, linked from {from}"));
            }
            else if (response.StatusCode == HttpStatusCode.NotFound)
            {
                defects.Add(new(missingKind, from, $"{Uri.UnescapeDataString(url)} answers 404"));
            }
            return response.IsSuccessStatusCode;
        }

        // Text a reader sees, outside code, that still has Obsidian's link syntax in it.
        void CheckText(IDocument page, string url)
        {
            foreach (var code in page.QuerySelectorAll("pre, code, script, style, textarea, template").ToList())
            {
                code.Remove();
            }
            var text = page.Body?.TextContent ?? "";
            for (var at = text.IndexOf("[[", StringComparison.Ordinal); at >= 0; at = text.IndexOf("[[", at + 2, StringComparison.Ordinal))
            {
                var end = text.IndexOf("]]", at, StringComparison.Ordinal);
                // An empty [[]] is text in Obsidian too.
                if (end == at + 2 || (end > at && literal.Contains(text[(at + 2)..end])))
                {
                    continue;
                }
                var start = Math.Max(0, at - 30);
                defects.Add(new("raw [[ in a page", url, text[start..Math.Min(text.Length, at + 50)].ReplaceLineEndings(" ")));
            }
        }

        static bool IsOnSite(string href) => href.StartsWith('/') && !href.StartsWith("//", StringComparison.Ordinal);

        static string Path(string href) => href.Split('#')[0];
    }
}
