using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using StudyHub.Testing;
using StudyHub.Web.Features.Accounts;

namespace StudyHub.Web.Tests.Import;

/// Uploading a vault zip at /admin/imports: who may, what a good zip does, and what bad ones do not.
public sealed class WebImportTests(WebImportTests.ImportingApp app) : IClassFixture<WebImportTests.ImportingApp>
{
    /// On real Kestrel, as uploads meet it in production: one user per role, a vault named "existing", an upload limit
    /// small enough to run over, and a server-wide body limit below it, as Kestrel's default of 30 MB is below the real one.
    public sealed class ImportingApp : StudyHubApp
    {
        public const int MaxUploadBytes = 1024 * 1024;
        public const int MaxRequestBodyBytes = 100_000;

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Import:Limits:MaxUploadBytes", MaxUploadBytes.ToString(System.Globalization.CultureInfo.InvariantCulture));
            builder.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = MaxRequestBodyBytes);
        }

        public override async Task InitializeAsync()
        {
            await base.InitializeAsync();
            StartKestrel();
            using var vault = new TempVault("existing").Write("Kept.md", "# Kept\n\nStays.").Write("Second.md", "# Second");
            await ImportVaultAsync(vault.Root);
            await CreateUserAsync("member@example.org");
            await CreateUserAsync("editor@example.org", Roles.Editor);
            await CreateUserAsync("admin@example.org", Roles.Admin);
        }
    }

    [Theory]
    [InlineData(null, "/account/login")]
    [InlineData("member@example.org", "/account/denied")]
    public async Task MembersAndVisitorsAreTurnedAwayFromThePages(string? caller, string landing)
    {
        using var client = await ClientAsync(caller);
        var runId = await LatestRunIdAsync();

        foreach (var page in new[] { "/admin/imports", $"/admin/imports/{runId}" })
        {
            using var response = await client.GetAsync(new Uri(page, UriKind.Relative));

            Assert.Equal(landing, response.RequestMessage!.RequestUri!.AbsolutePath);
            Assert.DoesNotContain("Upload and import", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("editor@example.org")]
    [InlineData("admin@example.org")]
    public async Task EditorsAndAdminsSeeThePagesAndTheNavLink(string caller)
    {
        using var client = await ClientAsync(caller);

        var page = await client.GetStringAsync(new Uri("/admin/imports", UriKind.Relative));
        var report = await client.GetStringAsync(new Uri($"/admin/imports/{await LatestRunIdAsync()}", UriKind.Relative));

        Assert.Contains("Upload and import", page, StringComparison.Ordinal);
        Assert.Contains("<a href=\"/admin/imports\">Imports</a>", page, StringComparison.Ordinal);
        Assert.Contains("<option value=\"existing\">", page, StringComparison.Ordinal);
        Assert.Contains("Import of existing", report, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MembersSeeNoNavLink()
    {
        using var client = await ClientAsync("member@example.org");

        var home = await client.GetStringAsync(new Uri("/", UriKind.Relative));

        Assert.DoesNotContain("/admin/imports", home, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnUnknownReportIsNotFound()
    {
        using var client = await ClientAsync("editor@example.org");

        using var response = await client.GetAsync(new Uri($"/admin/imports/{Guid.NewGuid()}", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Theory]
    [InlineData(null, HttpStatusCode.Unauthorized)]
    [InlineData("member@example.org", HttpStatusCode.Forbidden)]
    [InlineData("editor@example.org", HttpStatusCode.Created)]
    [InlineData("admin@example.org", HttpStatusCode.Created)]
    public async Task OnlyEditorsAndAdminsUpload(string? caller, HttpStatusCode expected)
    {
        using var client = await ClientAsync(caller);
        using var zip = TestZip.With(("Note.md", "# Note"u8.ToArray()));
        var vault = $"by-{caller ?? "anonymous"}";

        using var response = await UploadAsync(client, zip.Path, newVault: vault);

        Assert.Equal(expected, response.StatusCode);
        await using var db = app.Database.CreateContext();
        Assert.Equal(expected == HttpStatusCode.Created, await db.Vaults.AnyAsync(v => v.Name == vault));
    }

    [Fact]
    public async Task AnUploadedZipImportsItsNotesAndItsReportIsListed()
    {
        using var client = await ClientAsync("editor@example.org");
        using var zip = TestZip.With(
            ("lectures/Attention.md", "# Attention\n\nSee [[Transformers]] and ![[diagram.png]].\n"u8.ToArray()),
            ("lectures/Transformers.md", "# Transformers\n\nBuilt on [[Attention]] and [[Positional encoding]].\n"u8.ToArray()));

        using var response = await UploadAsync(client, zip.Path, newVault: "uploaded", fileName: "My lectures.zip");

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = await response.Content.ReadFromJsonAsync<JsonElement>();
        var reportUrl = created.GetProperty("report").GetString()!;
        Assert.Equal(reportUrl, response.Headers.Location!.OriginalString);
        await using (var db = app.Database.CreateContext())
        {
            Assert.Equal(2, await db.Notes.CountAsync(n => n.Vault.Name == "uploaded"));
            var run = await db.ImportRuns.SingleAsync(r => r.Id == created.GetProperty("id").GetGuid());
            Assert.Equal("My lectures.zip, uploaded by editor@example.org", run.Source);
        }

        var report = await client.GetStringAsync(new Uri(reportUrl, UriKind.Relative));
        Assert.Contains("Import of uploaded", report, StringComparison.Ordinal);
        Assert.Contains("<dt>Notes added</dt><dd>2</dd>", report, StringComparison.Ordinal);
        Assert.Contains("<strong>Positional encoding</strong> from Transformers.md:3", report, StringComparison.Ordinal);
        Assert.Contains("<strong>diagram.png</strong> in Attention.md:3", report, StringComparison.Ordinal);

        var list = await client.GetStringAsync(new Uri("/admin/imports", UriKind.Relative));
        var newest = list[list.IndexOf("<tbody>", StringComparison.Ordinal)..];
        Assert.Matches($"""^<tbody>\s*<tr>\s*<td><a href="{reportUrl}"><time [^>]+>[^<]+</time></a></td>\s*<td>uploaded</td>\s*<td class="import-source">My lectures.zip, uploaded by editor@example.org</td>\s*<td>2</td>\s*<td>0</td>\s*<td>0</td>\s*<td>1</td>\s*<td>1</td>""", newest);
        Assert.Contains("<option value=\"uploaded\">", list, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AZipOverTheServersUsualBodyLimitButUnderTheUploadLimitImports()
    {
        using var client = await ClientAsync("editor@example.org");
        var recording = new byte[3 * ImportingApp.MaxRequestBodyBytes];
        new Random(5).NextBytes(recording);
        using var zip = TestZip.With(("Lecture.md", "# Lecture\n\n![[recording.mp3]]"u8.ToArray()), ("recording.mp3", recording));

        using var response = await UploadAsync(client, zip.Path, newVault: "large");

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Fact]
    public async Task ReimportingAnExistingVaultReportsWhatChanged()
    {
        using var client = await ClientAsync("admin@example.org");
        using var first = TestZip.With(("One.md", "# One"u8.ToArray()), ("Two.md", "# Two"u8.ToArray()));
        using var second = TestZip.With(("One.md", "# One, edited"u8.ToArray()));
        using var created = await UploadAsync(client, first.Path, newVault: "reimported");

        using var response = await UploadAsync(client, second.Path, vault: "reimported");

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var report = await client.GetStringAsync(new Uri((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("report").GetString()!, UriKind.Relative));
        Assert.Contains("<dt>Changed</dt><dd>1</dd>", report, StringComparison.Ordinal);
        Assert.Contains("<dt>Removed</dt><dd>1</dd>", report, StringComparison.Ordinal);
    }

    /// Both vaults want the same note slugs; imports that overlapped would collide on them.
    [Fact]
    public async Task TwoUploadsAtOnceBothImport()
    {
        var notes = Enumerable.Range(0, 200).Select(n => ($"Note {n}.md", Encoding.UTF8.GetBytes($"# Note {n}\n\nNext: [[Note {n + 1}]]"))).ToArray();
        using var zip = TestZip.With(notes);
        using var editor = await ClientAsync("editor@example.org");
        using var admin = await ClientAsync("admin@example.org");

        var responses = await Task.WhenAll(UploadAsync(editor, zip.Path, newVault: "at-once-1"), UploadAsync(admin, zip.Path, newVault: "at-once-2"));

        Assert.All(responses, response => Assert.Equal(HttpStatusCode.Created, response.StatusCode));
        Array.ForEach(responses, response => response.Dispose());
        await using var db = app.Database.CreateContext();
        Assert.Equal(400, await db.Notes.CountAsync(n => n.Vault.Name.StartsWith("at-once-")));
    }

    [Fact]
    public async Task ANewVaultNameThatIsTakenIsRefusedAndTheVaultKeepsItsNotes()
    {
        using var client = await ClientAsync("editor@example.org");
        using var zip = TestZip.With(("Other.md", "# Other"u8.ToArray()));
        var runsBefore = await RunCountAsync();

        using var response = await UploadAsync(client, zip.Path, newVault: "existing");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("already exists", await DetailAsync(response), StringComparison.Ordinal);
        await AssertRefusalIsListedAsync(client, response, "already exists", runsBefore);
        await using var db = app.Database.CreateContext();
        Assert.Equal(2, await db.Notes.CountAsync(n => n.Vault.Name == "existing" && n.DeletedAt == null));
    }

    public static TheoryData<string, string> HostileZips => new()
    {
        { "not-a-zip", "not a zip archive" },
        { "traversal", "points outside the vault" },
        { "bomb", "looks like a zip bomb" },
        { "no-notes", "holds no notes" },
    };

    [Theory]
    [MemberData(nameof(HostileZips))]
    public async Task AHostileZipIsRefusedWithAClearErrorAndChangesNothing(string kind, string error)
    {
        using var client = await ClientAsync("editor@example.org");
        using var zip = kind switch
        {
            "traversal" => TestZip.With(("../../escape.md", "evil"u8.ToArray()), ("fine.md", "fine"u8.ToArray())),
            "bomb" => TestZip.With(("bomb.md", new byte[200 * 1024 * 1024])),
            "no-notes" => TestZip.With(("image.png", [0x89, 0x50, 0x4E, 0x47])),
            _ => TestZip.With(),
        };
        if (kind == "not-a-zip")
        {
            await File.WriteAllTextAsync(zip.Path, "# A note, not an archive");
        }
        var runsBefore = await RunCountAsync();

        using var response = await UploadAsync(client, zip.Path, newVault: kind);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(error, await DetailAsync(response), StringComparison.Ordinal);
        Assert.DoesNotContain("Central Directory", await DetailAsync(response), StringComparison.Ordinal);
        await AssertRefusalIsListedAsync(client, response, error, runsBefore);
        await using var db = app.Database.CreateContext();
        Assert.False(await db.Vaults.AnyAsync(v => v.Name == kind));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task WithoutAValidAntiforgeryTokenNothingIsImported(bool someoneElsesToken)
    {
        using var client = await ClientAsync("editor@example.org", withToken: false);
        if (someoneElsesToken)
        {
            using var anonymous = app.CreateClient();
            var token = await anonymous.GetFromJsonAsync<JsonElement>(new Uri("/api/antiforgery", UriKind.Relative));
            client.DefaultRequestHeaders.Add(token.GetProperty("headerName").GetString()!, token.GetProperty("token").GetString());
        }
        using var zip = TestZip.With(("Note.md", "# Note"u8.ToArray()));
        var vault = $"forged-{someoneElsesToken}";

        using var response = await UploadAsync(client, zip.Path, newVault: vault);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("antiforgery token", await DetailAsync(response), StringComparison.Ordinal);
        await using var db = app.Database.CreateContext();
        Assert.False(await db.Vaults.AnyAsync(v => v.Name == vault));
    }

    /// Just over the limit the zip's own count notices, with or without a declared length; far over, the declared
    /// length does before any of the body is read. The client waits for "100 Continue" before sending the body, so
    /// that an answer given early reaches it: the server closes the connection rather than read a body it refused.
    [Theory]
    [InlineData(10_000, false)]
    [InlineData(10_000, true)]
    [InlineData(200_000, false)]
    public async Task AZipOverTheLimitIsRefusedWith413(int bytesOver, bool withoutContentLength)
    {
        using var client = await ClientAsync("editor@example.org");
        client.DefaultRequestHeaders.ExpectContinue = true;
        var noise = new byte[ImportingApp.MaxUploadBytes + bytesOver];
        new Random(7).NextBytes(noise);
        using var zip = TestZip.With(("Note.md", "# Note"u8.ToArray()), ("noise.bin", noise));
        var vault = $"too-large-{bytesOver}-{withoutContentLength}";

        var runsBefore = await RunCountAsync();

        using var response = await UploadAsync(client, zip.Path, newVault: vault, withoutContentLength: withoutContentLength);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("larger than the upload limit of 1 MB", await DetailAsync(response), StringComparison.Ordinal);
        await AssertRefusalIsListedAsync(client, response, "larger than the upload limit of 1 MB", runsBefore);
        await using var db = app.Database.CreateContext();
        Assert.False(await db.Vaults.AnyAsync(v => v.Name == vault));
    }

    /// A client signed in as <paramref name="email"/> that sends the antiforgery token as the upload script does.
    async Task<HttpClient> ClientAsync(string? email, bool withToken = true)
    {
        var client = app.CreateClient();
        if (email is not null)
        {
            using var signedIn = await StudyHubApp.SignInAsync(client, email);
        }
        if (withToken)
        {
            var token = await client.GetFromJsonAsync<JsonElement>(new Uri("/api/antiforgery", UriKind.Relative));
            client.DefaultRequestHeaders.Add(token.GetProperty("headerName").GetString()!, token.GetProperty("token").GetString());
        }
        return client;
    }

    static async Task<HttpResponseMessage> UploadAsync(HttpClient client, string zipPath, string? vault = null, string? newVault = null,
        string fileName = "vault.zip", bool withoutContentLength = false)
    {
        var bytes = await File.ReadAllBytesAsync(zipPath);
        return await VaultUpload.PostAsync(client, withoutContentLength ? new UnknownLengthContent(bytes) : new ByteArrayContent(bytes), vault, newVault, fileName);
    }

    static async Task<string> DetailAsync(HttpResponseMessage response) => (await ProblemAsync(response)).GetProperty("detail").GetString()!;

    /// Read as text, which keeps the body for a second read, unlike the JSON stream.
    static async Task<JsonElement> ProblemAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

    /// A refused upload is kept in the list of imports with its reason, and its report page says it.
    async Task AssertRefusalIsListedAsync(HttpClient client, HttpResponseMessage response, string reason, int runsBefore)
    {
        var address = (await ProblemAsync(response)).GetProperty("report").GetString()!;
        Assert.Equal(runsBefore + 1, await RunCountAsync());
        var report = await client.GetStringAsync(new Uri(address, UriKind.Relative));
        Assert.Contains("Nothing was imported.", report, StringComparison.Ordinal);
        Assert.Contains(reason, report, StringComparison.Ordinal);
        var list = await client.GetStringAsync(new Uri("/admin/imports", UriKind.Relative));
        var row = list[list.IndexOf($"<a href=\"{address}\">", StringComparison.Ordinal)..];
        Assert.Contains("Not imported: ", row[..row.IndexOf("</tr>", StringComparison.Ordinal)], StringComparison.Ordinal);
    }

    async Task<int> RunCountAsync()
    {
        await using var db = app.Database.CreateContext();
        return await db.ImportRuns.CountAsync();
    }

    async Task<Guid> LatestRunIdAsync()
    {
        await using var db = app.Database.CreateContext();
        return await db.ImportRuns.Where(r => r.Problem == null).OrderByDescending(r => r.StartedAt).Select(r => r.Id).FirstAsync();
    }

    /// Content whose length is not known up front, so the request goes out chunked as a streamed upload can.
    sealed class UnknownLengthContent(byte[] bytes) : HttpContent
    {
        protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) => stream.WriteAsync(bytes).AsTask();

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }
}
