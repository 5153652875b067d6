using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using StudyHub.Testing;
using StudyHub.Web.Data;
using StudyHub.Web.Features.Annotations;

namespace StudyHub.Browser.Tests;

/// The vectors of XssVectors.txt go wherever other people's text reaches a page: note bodies, links and embeds,
/// front matter, file, folder and attachment names, annotations with their quotes and headings, replies and
/// comments, search words. Chromium opens every page that shows them, once under the Content-Security-Policy
/// and once with the policy bypassed, and nothing may run: no dialog, no window.xssFired, no script error.
/// The markup itself must be inert as well (no handler attributes, no script URLs, no elements or data
/// attributes our renderers do not write), so that the policy is not what saves us.
public sealed class XssTests(XssTests.VectorApp app) : IClassFixture<XssTests.VectorApp>
{
    /// The sample vault plus a vault made of the vectors, annotated and discussed in public by a member.
    public sealed class VectorApp : BrowserApp
    {
        public const string Vault = "xss";
        /// A word every vector note has, so that one search lists them all.
        public const string Marker = "xsscorpus";
        public const string Passage = "Late fusion combines just the scores of each modality.";
        const string Author = "vectors@example.org";

        static readonly byte[] Pixel = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=");

        public const string Drawing = """
            <svg xmlns="http://www.w3.org/2000/svg" onload="alert('drawing.svg')"><script>window.xssFired = 'drawing.svg';</script><circle r="5"/></svg>
            """;

        public static string DrawingUrl => XssVectors.AttachmentUrl("drawing.svg", Drawing);

        /// Vault path → slug of every note in the vector vault.
        public IReadOnlyDictionary<string, string> Slugs { get; private set; } = new Dictionary<string, string>();

        /// Vault path → address of every note in the vector vault.
        public IReadOnlyDictionary<string, string> Addresses { get; private set; } = new Dictionary<string, string>();
        public int Annotations { get; private set; }
        public int Comments { get; private set; }
        public Guid FirstAnnotation { get; private set; }

        public string DiscussionSlug => Slugs["Discussion.md"];

        public static IEnumerable<XssVector> Quotable => XssVectors.All.Where(v => v.IsOneLine && !v.Text.Contains('`', StringComparison.Ordinal));

        public override async Task InitializeAsync()
        {
            await base.InitializeAsync();
            using (var vault = VectorVault())
            {
                await ImportVaultAsync(vault.Root, Vault);
            }
            await using (var db = await Services.GetRequiredService<IDbContextFactory<StudyHubDbContext>>().CreateDbContextAsync())
            {
                Slugs = await db.Notes.Where(n => n.Vault.Slug == Vault).ToDictionaryAsync(n => n.Path, n => n.Slug, StringComparer.Ordinal);
                Addresses = await db.Notes.Where(n => n.Vault.Slug == Vault).ToDictionaryAsync(n => n.Path, n => n.Address, StringComparer.Ordinal);
            }
            await DiscussAsync();
        }

        static TempVault VectorVault()
        {
            var vault = new TempVault(Vault);
            var vectors = XssVectors.All;
            // Each vector as a block of its own and inside a sentence, twenty of a family to a note. Gadgets get a note
            // each: one that disabled a script of ours would hide another that the script would have obeyed.
            var pages = vectors.GroupBy(v => v.Family).SelectMany(family => family.Chunk(family.Key == "gadget" ? 1 : 20));
            foreach (var chunk in pages)
            {
                var title = chunk.Length == 1 ? $"Vector {chunk[0].Number:D3}" : $"Vectors {chunk[0].Number:D3} to {chunk[^1].Number:D3}";
                vault.Write($"Bodies/{title}.md",
                    $"# {title}\n\n{Marker}\n\n" + string.Concat(chunk.Select(v => $"{v.Text}\n\nBefore {v.Text} after.\n\n")));
            }
            vault.Write("Bodies/Links.md", $"{Marker}\n\n" + string.Concat(vectors.Where(v => v.IsOneLine)
                .Select(v => $"[[{v.Text}]] ![[{v.Text}]] [link](<{v.Text}>) [{v.Text}](https://example.org/)\n\n")));

            // A folder, a note and an image named by each vector that a file system allows as a name.
            var named = vectors.Where(v => v.IsFileName).ToList();
            foreach (var vector in named)
            {
                vault.Write($"Names/{vector.Text}/{vector.Text}.md", $"{Marker} note named by vector {vector.Number}.\n");
                vault.Write($"Attachments/{vector.Text}.png", Pixel);
            }
            vault.Write("Bodies/Embeds.md", $"{Marker}\n\n![[drawing.svg]]\n\n![[gadget.js]]\n\n"
                + string.Concat(named.Select(v => $"![[{v.Text}.png]] [[{v.Text}.png]]\n\n")));
            vault.Write("Attachments/drawing.svg", Drawing);
            vault.Write("Attachments/gadget.js", XssVectors.GadgetScript);

            foreach (var vector in vectors.Where(v => v.IsOneLine))
            {
                var yaml = $"'{vector.Text.Replace("'", "''", StringComparison.Ordinal)}'";
                vault.Write($"Fields/Fields {vector.Number:D3}.md",
                    $"---\ntitle: {yaml}\naliases: [{yaml}]\ntags: [{yaml}]\nsubject: {yaml}\nlink: {yaml}\nvideo: {yaml}\n---\n{Marker} fields of vector {vector.Number}.\n");
            }

            // The passage everyone annotates, and each vector as code, so that an annotation can quote it.
            vault.Write("Discussion.md", $"# Discussion\n\n{Passage}\n\n" + string.Concat(Quotable.Select(v => $"`` {v.Text} ``\n\n")));
            return vault;
        }

        /// A member annotates, replies and comments with every vector, for everyone to see.
        async Task DiscussAsync()
        {
            await CreateUserAsync(Author);
            using var client = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer() }) { BaseAddress = Address };
            using (var signedIn = await SignInAsync(client, Author))
            {
                signedIn.EnsureSuccessStatusCode();
            }
            var token = await client.GetFromJsonAsync<JsonElement>(new Uri("/api/antiforgery", UriKind.Relative));
            client.DefaultRequestHeaders.Add(token.GetProperty("headerName").GetString()!, token.GetProperty("token").GetString());
            var notes = $"/api/notes/{DiscussionSlug}";

            foreach (var vector in XssVectors.All)
            {
                var heading = vector.Text[..Math.Min(vector.Text.Length, DiscussionLimits.Heading)];
                var context = vector.Text[..Math.Min(vector.Text.Length, DiscussionLimits.Context)];
                var annotation = await PostAsync(client, $"{notes}/annotations",
                    new { quote = Passage, prefix = context, suffix = context, body = vector.Text, visibility = "Public", heading, mediaSeconds = 90 });
                await PostAsync(client, $"/api/annotations/{annotation}/replies", new { body = vector.Text });
                await PostAsync(client, $"{notes}/comments", new { body = vector.Text, visibility = "Public" });
                if (FirstAnnotation == Guid.Empty)
                {
                    FirstAnnotation = annotation;
                }
                Annotations++;
                Comments++;
            }
            foreach (var vector in Quotable)
            {
                await PostAsync(client, $"{notes}/annotations",
                    new { quote = vector.Text, body = $"Quoting vector {vector.Number}.", visibility = "Public", heading = "Discussion" });
                Annotations++;
            }
        }

        static async Task<Guid> PostAsync(HttpClient client, string url, object content)
        {
            using var response = await client.PostAsJsonAsync(new Uri(url, UriKind.Relative), content);
            if (response.StatusCode != HttpStatusCode.Created)
            {
                throw new InvalidOperationException($"POST {url} {JsonSerializer.Serialize(content)} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
            }
            return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        }
    }

    public static TheoryData<string, bool> Surfaces => new()
    {
        { "note bodies", true }, { "note bodies", false },
        { "file names", true }, { "file names", false },
        { "front matter", true }, { "front matter", false },
        { "search", true }, { "search", false },
        { "discussion", true }, { "discussion", false },
    };

    static readonly string[] Families = ["script", "event-handler", "javascript-url", "data-url", "svg", "broken-tag", "unicode", "markdown", "gadget"];

    [Fact]
    public void TheCorpusHasOverAHundredDistinctVectorsOfEveryFamily()
    {
        var vectors = XssVectors.All;

        Assert.True(vectors.Count >= 100, $"{vectors.Count} vectors");
        Assert.Equal(vectors.Count, vectors.Select(v => v.Text).Distinct(StringComparer.Ordinal).Count());
        Assert.Equivalent(Families, vectors.Select(v => v.Family).Distinct());
        Assert.All(vectors.GroupBy(v => v.Family), family => Assert.True(family.Count() >= 10, $"{family.Key}: {family.Count()} vectors"));
        Assert.True(vectors.Count(v => v.IsFileName) >= 50, "Too few vectors can be file names.");
    }

    [Fact]
    public async Task TheVectorsArriveWhereTheyWerePut()
    {
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<StudyHubDbContext>>().CreateDbContextAsync();
        var notes = await db.Notes.Where(n => n.Vault.Slug == VectorApp.Vault).Select(n => new { n.Path, n.Title, n.Tags, n.Aliases }).ToListAsync();
        var fields = notes.Where(n => n.Path.StartsWith("Fields/", StringComparison.Ordinal)).ToList();

        Assert.Equal(XssVectors.All.Count(v => v.IsOneLine), fields.Count);
        Assert.All(fields, note => Assert.Contains(XssVectors.All, v => v.Text == note.Title && note.Aliases.Contains(v.Text)));
        Assert.Equal(XssVectors.All.Count(v => v.IsFileName), notes.Count(n => n.Path.StartsWith("Names/", StringComparison.Ordinal)));
        Assert.Equal(XssVectors.All.Count + VectorApp.Quotable.Count(), app.Annotations);
        Assert.Equal(XssVectors.All.Count, app.Comments);
    }

    [Theory]
    [MemberData(nameof(Surfaces))]
    public async Task NoVectorRunsOnAnyPageThatShowsIt(string surface, bool policy)
    {
        var pages = PagesOf(surface, policy).ToList();
        var problems = new List<string>();
        var current = "";
        // Playwright raises page events on its own thread.
        void Report(IEnumerable<string> found)
        {
            lock (problems)
            {
                problems.AddRange(found.Select(problem => $"{current}: {problem}"));
            }
        }
        var browser = await Browser.GetAsync();
        await using var context = await browser.NewContextAsync(new() { BaseURL = app.Address.ToString(), BypassCSP = !policy });
        context.SetDefaultTimeout(15_000);
        // Nothing leaves the machine: requests elsewhere fail as they would offline, and quickly.
        await context.RouteAsync(url => !url.StartsWith(app.Address.ToString(), StringComparison.Ordinal), route => route.AbortAsync());
        await context.AddInitScriptAsync(Watch);
        var page = await context.NewPageAsync();
        context.Page += (_, popup) => Report([$"a window opened at {popup.Url}"]);
        page.Dialog += async (_, dialog) =>
        {
            Report([$"{dialog.Type} \"{dialog.Message}\""]);
            await DismissAsync(dialog);
        };
        page.PageError += (_, error) => Report([$"page error {error}"]);
        page.Console += (_, message) =>
        {
            // A resource that fails to load (a broken image, an address outside) is not code running.
            if (message.Type == "error" && !message.Text.StartsWith("Failed to load resource", StringComparison.Ordinal))
            {
                Report([$"console error {message.Text}"]);
            }
        };

        foreach (var path in pages)
        {
            current = path;
            await page.GotoAsync(path);
            Report(await SettleAsync(page));
            var seen = await page.EvaluateAsync<JsonElement>(Inspect);
            Report(seen.GetProperty("ran").EnumerateArray().Select(ran => $"window.xssFired = {ran}"));
            Report(seen.GetProperty("violations").EnumerateArray().Select(violation => $"policy violation {violation}"));
            Report(seen.GetProperty("findings").EnumerateArray().Select(finding => finding.GetString()!));
        }

        Assert.True(pages.Count > 0);
        Assert.True(problems.Count == 0, $"{problems.Count} problems on {pages.Count} pages ({surface}, policy {(policy ? "on" : "bypassed")}):\n"
            + string.Join("\n", problems.Distinct().Take(60)));
    }

    [Fact]
    public async Task AnAttachmentOpenedByItselfRunsNothing()
    {
        var browser = await Browser.GetAsync();
        await using var context = await browser.NewContextAsync(new() { BaseURL = app.Address.ToString() });
        await context.AddInitScriptAsync(Watch);
        var page = await context.NewPageAsync();
        var dialogs = new List<string>();
        page.Dialog += async (_, dialog) =>
        {
            dialogs.Add(dialog.Message);
            await DismissAsync(dialog);
        };

        var response = await page.GotoAsync(VectorApp.DrawingUrl);

        Assert.Equal("image/svg+xml", (await response!.AllHeadersAsync())["content-type"]);
        Assert.Empty(dialogs);
        Assert.Empty((await page.EvaluateAsync<JsonElement>("() => window.xssRuns ?? []")).EnumerateArray());
    }

    /// The pages that show a surface's vectors. Pages that show many open in both runs; a page that shows one
    /// vector opens in one of them, by the vector's number, which halves the time and still opens every page.
    IEnumerable<string> PagesOf(string surface, bool policy)
    {
        var vectors = XssVectors.All.Where(v => v.Number % 2 == (policy ? 0 : 1)).ToList();
        string Note(string path) => $"/notes/{app.Addresses[path]}";
        string Query(string text) => Uri.EscapeDataString(text);
        return surface switch
        {
            "note bodies" => [.. app.Slugs.Keys.Where(p => p.StartsWith("Bodies/", StringComparison.Ordinal)).Select(Note), "/concepts"],
            "file names" => ["/", "/graph", .. vectors.Where(v => v.IsFileName).Select(v => Note($"Names/{v.Text}/{v.Text}.md"))],
            "front matter" => ["/tags", .. vectors.Where(v => v.IsOneLine).Select(v => Note($"Fields/Fields {v.Number:D3}.md")),
                .. vectors.Take(10).Select(v => $"/tags/{Query(v.Text)}")],
            "search" => [$"/search?q={VectorApp.Marker}", $"/search?q={VectorApp.Marker}&page=2",
                .. vectors.Select(v => $"/search?q={Query(v.Text)}&tag={Query(v.Text)}")],
            "discussion" => [Note("Discussion.md"), $"/annotations/{app.FirstAnnotation}"],
            _ => throw new ArgumentOutOfRangeException(nameof(surface), surface, null),
        };
    }

    /// Waits until the page has done what it does on its own: the note finished (math, code), the discussion
    /// drawn. Returns what never happened.
    async Task<IEnumerable<string>> SettleAsync(IPage page)
    {
        int[] expected = page.Url.Contains($"/notes/{app.Addresses["Discussion.md"]}", StringComparison.Ordinal) ? [app.Annotations, app.Comments] : [0, 0];
        try
        {
            await page.WaitForFunctionAsync("""
                ([annotations, comments]) => {
                  const body = document.querySelector(".note-body");
                  const discussion = document.querySelector("[data-discussion]");
                  return (!body || body.hasAttribute("data-finished")) && (!discussion || (annotations === 0
                    ? discussion.querySelector("[data-no-annotations]") !== null
                    : discussion.querySelectorAll(".annotation").length === annotations
                      && discussion.querySelectorAll("[data-comments] > .comment").length === comments));
                }
                """, expected);
            // Two frames more, for handlers that fire once the page is shown (autofocus, animations).
            await page.EvaluateAsync("() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))");
            return [];
        }
        catch (TimeoutException)
        {
            return ["the page never finished (note scripts or the discussion did not run)"];
        }
    }

    /// A dialog from a frame that is gone by now cannot be dismissed; it was counted all the same.
    static async Task DismissAsync(IDialog dialog)
    {
        try
        {
            await dialog.DismissAsync();
        }
        catch (PlaywrightException)
        {
        }
    }

    /// Runs before the page's own scripts: records every payload that sets window.xssFired and every policy violation.
    const string Watch = """
        (() => {
          const ran = [];
          const violations = [];
          Object.defineProperty(window, "xssFired", { configurable: false, get: () => undefined, set: value => ran.push(String(value)) });
          Object.defineProperty(window, "xssRuns", { configurable: false, value: ran });
          Object.defineProperty(window, "xssViolations", { configurable: false, value: violations });
          document.addEventListener("securitypolicyviolation", e => violations.push(`${e.violatedDirective} ${e.blockedURI} ${e.sample}`));
        })();
        """;

    /// What ran, what the policy refused, and what in the page is not inert. Reads the DOM through the prototypes,
    /// so markup that clobbers names (a form with an input named "attributes") cannot hide from it.
    const string Inspect = """
        () => {
          const method = (type, name) => { const d = Object.getOwnPropertyDescriptor(type.prototype, name); return d.get ? o => d.get.call(o) : (o, ...a) => d.value.call(o, ...a); };
          const find = method(Document, "querySelectorAll");
          const findIn = method(Element, "querySelectorAll");
          const closest = method(Element, "closest");
          const names = method(Element, "getAttributeNames");
          const attribute = method(Element, "getAttribute");
          const tag = method(Element, "localName");
          const markup = method(Element, "outerHTML");
          const show = element => markup(element).slice(0, 160);
          const findings = [];

          const urlAttributes = new Set(["href", "src", "action", "formaction", "xlink:href", "data", "poster", "background", "cite", "longdesc",
            "ping", "codebase", "srcset", "lowsrc", "dynsrc", "manifest", "icon", "archive", "classid", "profile", "usemap"]);
          const safeUrl = (element, name, value) => value.split(name === "srcset" ? "," : /$^/).every(candidate => {
            const url = candidate.trim().split(/\s+/)[0].replace(/[\u0000-\u0020\u007f-\u009f\u00ad\u200b-\u200f\u2028\u2029\ufeff]/g, "").toLowerCase();
            const scheme = /^([a-z][a-z0-9+.\-]*):/.exec(url);
            return !scheme || ["http", "https", "mailto"].includes(scheme[1])
              || (scheme[1] === "data" && tag(element) === "img" && /^data:image\/(png|jpeg|gif|webp)[;,]/.test(url));
          });

          for (const element of find(document, "*")) {
            for (const name of names(element)) {
              const value = attribute(element, name) ?? "";
              const lower = name.toLowerCase();
              if (lower.startsWith("on")) findings.push(`event handler ${name}: ${show(element)}`);
              if (urlAttributes.has(lower) && !safeUrl(element, lower, value)) findings.push(`unsafe URL in ${name}: ${show(element)}`);
              if (lower === "srcdoc") findings.push(`srcdoc: ${show(element)}`);
              if (lower === "style" && /javascript:|expression\s*\(|-moz-binding|behavior\s*:/i.test(value)) findings.push(`script in style: ${show(element)}`);
            }
            const name = tag(element);
            if (name === "script") {
              const src = attribute(element, "src");
              const url = src ? new URL(src, location.href) : null;
              if (!url || url.pathname.startsWith("/attachments/") || (url.origin !== location.origin && url.href !== "https://www.youtube.com/iframe_api")) {
                findings.push(`script we did not write: ${show(element)}`);
              }
            }
            if (["object", "embed", "applet", "frame", "frameset", "portal"].includes(name)) findings.push(`plugin or frame: ${show(element)}`);
            if (name === "iframe" && !/^https:\/\/(www\.youtube-nocookie\.com|www\.youtube\.com|player\.vimeo\.com)\//.test(attribute(element, "src") ?? "")) {
              findings.push(`frame: ${show(element)}`);
            }
            if (name === "base" && attribute(element, "href") !== "/") findings.push(`base: ${show(element)}`);
            if (name === "meta" && attribute(element, "http-equiv") !== null) findings.push(`meta http-equiv: ${show(element)}`);
          }

          // A note's body holds what our renderers write, and nothing that could steer our scripts.
          const notInNotes = new Set(["script", "style", "iframe", "object", "embed", "base", "meta", "link", "form", "textarea", "select",
            "option", "button", "template", "noscript", "xmp", "plaintext", "listing", "title", "animate", "set", "foreignobject", "use", "image",
            "discard", "svg", "math"]);
          const noteData = new Set(["data-target", "data-seconds", "data-callout", "data-callout-fold", "data-annotation", "data-highlighted", "data-share"]);
          for (const body of find(document, ".note-body")) {
            for (const element of findIn(body, "*")) {
              const name = tag(element);
              const ours = (name === "button" && attribute(element, "class") === "heading-link") || closest(element, ".katex") !== null;
              if (notInNotes.has(name) && !ours) findings.push(`<${name}> in a note: ${show(element)}`);
              for (const attributeName of names(element)) {
                if (attributeName.startsWith("data-") && !noteData.has(attributeName)) findings.push(`${attributeName} in a note: ${show(element)}`);
              }
            }
          }

          // What readers write is markdown without HTML: only the elements markdown makes.
          const markdown = new Set(["p", "a", "em", "strong", "del", "ins", "mark", "sup", "sub", "code", "pre", "ul", "ol", "li", "blockquote",
            "h1", "h2", "h3", "h4", "h5", "h6", "hr", "br", "table", "thead", "tbody", "tr", "th", "td", "img"]);
          for (const text of find(document, ".discussion-text")) {
            for (const element of findIn(text, "*")) {
              if (!markdown.has(tag(element))) findings.push(`<${tag(element)}> in a comment: ${show(element)}`);
            }
          }
          for (const quote of find(document, ".annotation-quote")) {
            for (const element of findIn(quote, "*")) {
              if (tag(element) !== "a" || findIn(element, "*").length > 0) findings.push(`markup in a quote: ${show(element)}`);
            }
          }

          // Our scripts' entry points and the document methods they call are still theirs.
          for (const name of ["StudyHubPlayer", "StudyHubShare", "StudyHubWhen"]) {
            if (window[name] instanceof Node || window[name] instanceof HTMLCollection) findings.push(`window.${name} is an element of the page`);
          }
          for (const name of ["getElementById", "querySelector", "querySelectorAll", "createElement", "createTreeWalker", "createRange", "getSelection"]) {
            if (typeof document[name] !== "function") findings.push(`document.${name} is an element of the page`);
          }
          return { ran: window.xssRuns, violations: window.xssViolations, findings };
        }
        """;
}
