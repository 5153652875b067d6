using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using StudyHub.Testing;
using StudyHub.Web.Features.Annotations;
using StudyHub.Web.Features.Sharing;
using StudyHub.Web.Infrastructure;
using StudyHub.Web.Tests.Annotations;

namespace StudyHub.Web.Tests.Security;

/// The authorization matrix in docs/security.md is the app's: every endpoint the app maps is a row there and every row is
/// an endpoint, and each kind of reader gets what the row says when asking about a members-only note.
public sealed partial class AuthorizationMatrixTests(AuthorizationMatrixTests.MatrixApp app) : IClassFixture<AuthorizationMatrixTests.MatrixApp>
{
    /// The columns of the matrix, in its order.
    public enum Who { Visitor, ShareHolder, NoRole, Member, Editor, Admin }

    const string NoRoleEmail = "no-role@example.org";

    /// The discussion app's readers, and a members-only vault "closed" whose note Quokka Lecture embeds an image, links a
    /// concept and a sibling note, and carries a tag; a members' annotation and note comment on it by another member; a
    /// share link to it that the share holder has opened; and an account without the member role.
    public sealed class MatrixApp : DiscussionApp
    {
        public const string Note = "quokka-lecture";

        public string ImageHash { get; private set; } = "";
        public string PaperHash { get; private set; } = "";
        public Guid ImportRun { get; private set; }
        public Guid Annotation { get; private set; }
        public Guid Comment { get; private set; }
        public string ShareToken { get; private set; } = "";
        readonly Dictionary<Who, HttpClient> _readers = [];

        public override async Task InitializeAsync()
        {
            await base.InitializeAsync();
            using var closed = new TempVault("closed")
                .Write("Quokka Lecture.md", $"---\nvideo: https://youtu.be/5vfIT5LOkR0\ntranscript: quokka.vtt\n---\n# Quokka Lecture\n\n#quokka #lecture\n\n{PassageText}\n\n![[quokka.png]] ![[quokka.pdf]]\n\nSee [[Quokka Concept]] and [[Quokka Sibling]].")
                .Write("quokka.vtt", "WEBVTT\n\n00:00:01.000 --> 00:00:04.000\nQuokkas live on Rottnest Island.\n")
                .Write("Quokka Sibling.md", "Next to [[Quokka Lecture]].")
                .Write("quokka.png", [0x89, (byte)'P', (byte)'N', (byte)'G', 7, 7, 7])
                .Write("quokka.pdf", TestPapers.Pdf("The quokka paper"));
            ImportRun = (await ImportVaultAsync(closed.Root, "closed")).RunId;
            await using (var db = Database.CreateContext())
            {
                await db.Vaults.Where(v => v.Name == "closed").ExecuteUpdateAsync(v => v.SetProperty(x => x.MembersOnly, true));
                ImageHash = await db.Attachments.Where(a => a.Path == "quokka.png").Select(a => a.ContentHash).SingleAsync();
                PaperHash = await db.Attachments.Where(a => a.Path == "quokka.pdf").Select(a => a.ContentHash).SingleAsync();
            }
            Annotation = await AnnotatedAsync(Annotations.Caller.Author, AnnotationVisibility.Members, slug: Note);
            Comment = await CommentedAsync(Annotations.Caller.Author, null, AnnotationVisibility.Members, slug: Note);
            ShareToken = await SharedAsync();
            _readers[Who.Visitor] = await VisitorAsync(share: false);
            _readers[Who.ShareHolder] = await VisitorAsync(share: true);
            await CreateUserAsync(NoRoleEmail, role: null);
            _readers[Who.NoRole] = await ClientAsync(NoRoleEmail);
            _readers[Who.Member] = As(Caller.OtherMember);
            _readers[Who.Editor] = As(Caller.Editor);
            _readers[Who.Admin] = As(Caller.Admin);
        }

        public HttpClient As(Who who) => _readers[who];

        /// A reader of that kind on a client of its own, for requests that change who the client is (signing out).
        public async Task<HttpClient> FreshAsync(Who who) => who switch
        {
            Who.Visitor => await VisitorAsync(share: false),
            Who.ShareHolder => await VisitorAsync(share: true),
            Who.NoRole => await ClientAsync(NoRoleEmail),
            Who.Member => await ClientAsync(Email(Annotations.Caller.OtherMember)),
            Who.Editor => await ClientAsync(Email(Annotations.Caller.Editor)),
            _ => await ClientAsync(Email(Annotations.Caller.Admin)),
        };

        /// A new share link to the note, made by the editor.
        public async Task<string> SharedAsync()
        {
            await using var db = Database.CreateContext();
            var share = new NoteShare
            {
                Token = NoteShare.NewToken(), NoteId = await db.Notes.Where(n => n.Slug == Note).Select(n => n.Id).SingleAsync(),
                CreatedById = await db.Users.Where(u => u.Email == Email(Annotations.Caller.Editor)).Select(u => u.Id).SingleAsync(),
                CreatedAt = DateTimeOffset.UtcNow, ExpiresAt = DateTimeOffset.UtcNow.AddDays(7),
            };
            db.NoteShares.Add(share);
            await db.SaveChangesAsync();
            return share.Token;
        }

        /// A visitor who is not signed in, who opened the share link when told to, with the antiforgery token as the note
        /// page's script sends it: the matrix is about who may, not about forged requests.
        async Task<HttpClient> VisitorAsync(bool share)
        {
            var client = await ClientAsync(null, antiforgeryToken: false);
            if (share)
            {
                using var opened = await client.GetAsync(new Uri($"/shared/{ShareToken}", UriKind.Relative));
                if (opened.Headers.Location?.OriginalString.Contains(Note, StringComparison.Ordinal) != true)
                {
                    throw new InvalidOperationException($"The share link answered {(int)opened.StatusCode} {opened.Headers.Location}.");
                }
            }
            var token = await client.GetFromJsonAsync<AntiforgeryToken>(new Uri("/api/antiforgery", UriKind.Relative));
            client.DefaultRequestHeaders.Add(token!.HeaderName, token.Token);
            return client;
        }

        public override async ValueTask DisposeAsync()
        {
            _readers[Who.Visitor].Dispose();
            _readers[Who.ShareHolder].Dispose();
            _readers[Who.NoRole].Dispose();
            await base.DisposeAsync();
            GC.SuppressFinalize(this);
        }
    }

    [Fact]
    public void EveryEndpointTheAppMapsIsARowOfTheMatrixAndEveryRowIsAnEndpoint()
    {
        var mapped = MappedEndpoints();
        var listed = Matrix().Select(row => row.Key).ToHashSet();

        var missing = mapped.Except(listed).Order().ToList();
        var stale = listed.Except(mapped).Order().ToList();

        Assert.True(missing.Count == 0 && stale.Count == 0,
            $"docs/security.md's authorization matrix lacks rows for {string.Join(", ", missing)}; it names endpoints the app does not map: {string.Join(", ", stale)}.");
    }

    [Fact]
    public async Task EachReaderGetsWhatTheMatrixSays()
    {
        var differences = new List<string>();
        foreach (var row in Matrix().Where(row => row.Exercised))
        {
            foreach (var who in Enum.GetValues<Who>())
            {
                var expected = row.Outcomes[(int)who];
                var actual = await OutcomeAsync(row, who, expected);
                if (actual != expected)
                {
                    differences.Add($"{row.Key} as {who}: the matrix says {expected}, the app answered {actual}");
                }
            }
        }

        Assert.True(differences.Count == 0, string.Join("\n", differences));
    }

    /// "METHOD /route" for every endpoint with a route, one per method ("*" when any method is taken); the static files
    /// as one row, since they are the build's own files and many.
    HashSet<string> MappedEndpoints() => app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
        .SelectMany(endpoint => IsStaticFile(endpoint)
            ? [$"GET {StaticFiles}", $"HEAD {StaticFiles}"]
            : (endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["*"]).Select(method => $"{method} {Route(endpoint)}"))
        .ToHashSet();

    const string StaticFiles = "/{static file}";

    /// A group's own route ends in a slash that requests need not send.
    static string Route(RouteEndpoint endpoint) => endpoint.RoutePattern.RawText is { Length: > 1 } route ? route.TrimEnd('/') : "/";

    static bool IsStaticFile(RouteEndpoint endpoint) =>
        endpoint.Metadata.Any(metadata => metadata.GetType().FullName == "Microsoft.AspNetCore.StaticAssets.StaticAssetDescriptor");

    sealed record Row(string Method, string Route, string[] Outcomes, string Note)
    {
        public string Key => $"{Method} {Route}";

        /// A row whose cells are all "—" is only checked for being an endpoint; its note says why it is not asked.
        public bool Exercised => Outcomes.Any(outcome => outcome != "—");
    }

    /// The rows of the table under "## Authorization matrix" in docs/security.md.
    static List<Row> Matrix()
    {
        var lines = File.ReadAllLines(Path.Combine(RepositoryFiles.Root, "docs", "security.md"));
        return lines.SkipWhile(line => line != "## Authorization matrix").Skip(1).TakeWhile(line => !line.StartsWith("## ", StringComparison.Ordinal))
            .Select(line => MatrixRow().Match(line)).Where(match => match.Success)
            .Select(match => new Row(match.Groups["method"].Value, match.Groups["route"].Value,
                match.Groups["outcome"].Captures.Select(capture => capture.Value.Trim()).ToArray(), match.Groups["note"].Value.Trim()))
            .ToList();
    }

    [GeneratedRegex(@"^\| (?<method>[A-Z]+|\*) \| `(?<route>[^`]+)` \|(?:(?<outcome>[^|]+)\|){6}(?<note>.*)\|$")]
    private static partial Regex MatrixRow();

    /// What the app answers: the status, where a redirect leads (its path), and whether the answer names the members-only
    /// note when the matrix asks ("with it" / "without it").
    async Task<string> OutcomeAsync(Row row, Who who, string expected)
    {
        var client = ChangesTheReader(row) ? await app.FreshAsync(who) : app.As(who);
        using var request = await RequestAsync(row, client);
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        // The discussion stream never ends: its status and headers are the answer.
        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, patience.Token);
        var outcome = $"{(int)response.StatusCode}";
        if ((int)response.StatusCode is >= 300 and < 400 && response.Headers.Location is { } location)
        {
            outcome += $" → {(location.IsAbsoluteUri ? location.AbsolutePath : location.OriginalString.Split('?', '#')[0])}";
        }
        if (expected.EndsWith(" it", StringComparison.Ordinal))
        {
            var body = await response.Content.ReadAsStringAsync(patience.Token);
            outcome += body.Contains("quokka", StringComparison.OrdinalIgnoreCase) ? " with it" : " without it";
        }
        return outcome;
    }

    const AnnotationVisibility Members = AnnotationVisibility.Members;

    /// Signing out, and opening a share link (which makes a visitor its holder), are asked on a client of their own.
    static bool ChangesTheReader(Row row) => row.Route is "/account/logout" or "/shared/{Token}";

    /// The request each row stands for, at the seeded vault's own addresses; writes go to things made for them, so every
    /// reader finds what the one before found.
    async Task<HttpRequestMessage> RequestAsync(Row row, HttpClient client)
    {
        var address = row.Route switch
        {
            "/notes/{*Address}" => $"/notes/closed/{MatrixApp.Note}",
            "/api/previews/{**address}" => $"/api/previews/closed/{MatrixApp.Note}",
            "/notes/{vault}/feed.atom" => "/notes/closed/feed.atom",
            "/attachments/{hash}/{name}" => $"/attachments/{app.ImageHash}/quokka.png",
            "/papers/{Hash}/{Name}" => $"/papers/{app.PaperHash}/quokka.pdf?page=1",
            "/api/notes/{slug}/media" or "/api/notes/{slug}/annotations" or "/api/notes/{slug}/comments" or "/api/notes/{slug}/discussion" or "/api/notes/{slug}/discussion/events"
                or "/notes/{slug}/shares" => row.Route.Replace("{slug}", MatrixApp.Note, StringComparison.Ordinal),
            "/api/annotations/{id:guid}" or "/api/annotations/{id:guid}/replies" or "/annotations/{id:guid}" =>
                row.Route.Replace("{id:guid}", $"{(row.Method is "GET" ? app.Annotation : await app.AnnotatedAsync(Caller.Author, Members, slug: MatrixApp.Note))}",
                    StringComparison.Ordinal),
            "/api/comments/{id:guid}" => $"/api/comments/{(row.Method is "GET" ? app.Comment : await app.CommentedAsync(Caller.Author, null, Members, slug: MatrixApp.Note))}",
            "/shares/{token}/revoke" => $"/shares/{await app.SharedAsync()}/revoke",
            "/shared/{Token}" => $"/shared/{app.ShareToken}",
            "/concepts/{Slug}" => "/concepts/quokka-concept",
            "/concepts/{Slug}/correction" => "/concepts/quokka-concept/correction",
            "/tags/{*Name}" => "/tags/quokka",
            "/vaults/{Slug}" => "/vaults/closed",
            "/courses/{Slug}" => "/courses/closed",
            "/api/vaults/{vault}/push" => "/api/vaults/closed/push",
            "/admin/vaults/{Slug}/delete" => "/admin/vaults/closed/delete",
            "/admin/vaults/{Slug}/source" => "/admin/vaults/closed/source",
            "/admin/imports/{Id:guid}" => $"/admin/imports/{app.ImportRun}",
            "/api/switcher" => "/api/switcher?q=quokka",
            "/api/notes/{slug}/said" => $"/api/notes/{MatrixApp.Note}/said?at=2",
            "/search" => "/search?q=fusion",
            "/openapi/{documentName}.json" => "/openapi/v1.json",
            StaticFiles => "/" + app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().First(IsStaticFile).RoutePattern.RawText!.TrimStart('/'),
            "{**path:file}" => "/no-such-file.css",
            "/_blazor/negotiate" => "/_blazor/negotiate?negotiateVersion=1",
            var plain when !plain.Contains('{', StringComparison.Ordinal) => plain,
            var other => throw new InvalidOperationException($"The matrix test has no address for {other}: add one beside the others."),
        };
        var method = row.Method is "*" ? AnyMethod(row.Route) : row.Method;
        return new HttpRequestMessage(new HttpMethod(method), address) { Content = Body(row, FormToken(client)) };
    }

    /// How the framework's own endpoints that take any method are asked: the circuit's as blazor.web.js asks them.
    static string AnyMethod(string route) => route is "/_blazor/negotiate" or "/_blazor/disconnect" ? "POST" : "GET";

    /// The antiforgery token the client sends in its header, which forms carry in a field.
    string FormToken(HttpClient client) =>
        client.DefaultRequestHeaders.GetValues(app.Services.GetRequiredService<IOptions<AntiforgeryOptions>>().Value.HeaderName!).Single();

    /// What a writer sends: for the API what its script sends; for pages a form post that names no form, which is
    /// refused as a bad request once it gets past sign-in, roles and the antiforgery check, and so changes nothing.
    static HttpContent? Body(Row row, string formToken) => row.Key switch
    {
        "POST /api/notes/{slug}/annotations" => JsonContent.Create(new NewAnnotation(DiscussionApp.PassageText[..11], "A thought.", "Members", null)),
        "POST /api/notes/{slug}/comments" or "POST /api/annotations/{id:guid}/replies" => JsonContent.Create(new NewComment("A thought.")),
        "PATCH /api/annotations/{id:guid}" => JsonContent.Create(new AnnotationChange(Hidden: true)),
        "PATCH /api/comments/{id:guid}" => JsonContent.Create(new CommentChange(Hidden: true)),
        "POST /notes/{slug}/shares" => Form(formToken, ("days", "7")),
        "POST /account/logout" => Form(formToken, ("returnUrl", "/")),
        "* /_blazor/disconnect" => Form(formToken, ("circuitId", "none")),
        _ when row.Method is "POST" => Form(formToken),
        _ => null,
    };

    static FormUrlEncodedContent Form(string token, params (string Name, string Value)[] fields) =>
        new(fields.Select(field => KeyValuePair.Create(field.Name, field.Value)).Append(KeyValuePair.Create("__RequestVerificationToken", token)));
}
