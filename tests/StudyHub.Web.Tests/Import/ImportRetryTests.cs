using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using StudyHub.Testing;
using StudyHub.Web.Features.Accounts;

namespace StudyHub.Web.Tests.Import;

/// An accepted upload whose import breaks off with an error keeps its zip, and its report page runs it again; a refused
/// upload does not. The database itself makes the imports fail: a trigger refuses notes of the vaults listed in a table.
public sealed class ImportRetryTests(ImportRetryTests.FailingImportApp app) : IClassFixture<ImportRetryTests.FailingImportApp>
{
    public sealed class FailingImportApp : StudyHubApp
    {
        /// Room for two of the zips of KeptZipsMakeRoomOldestFirstAndGoAfterTheirDays, not three.
        public const int KeptBytes = 1_500;

        public string KeptFolder { get; } = Path.Combine(Path.GetTempPath(), $"studyhub-kept-{Guid.NewGuid():N}");

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Import:FailedUploads:Folder", KeptFolder);
            builder.UseSetting("Import:FailedUploads:MaxBytes", KeptBytes.ToString(System.Globalization.CultureInfo.InvariantCulture));
            builder.UseSetting("Import:FailedUploads:KeepDays", "7");
        }

        public override async Task InitializeAsync()
        {
            await base.InitializeAsync();
            await CreateUserAsync("editor@example.org", Roles.Editor);
            await using var db = Database.CreateContext();
            await db.Database.ExecuteSqlRawAsync("""
                CREATE TABLE failing_vaults (name text PRIMARY KEY);
                CREATE FUNCTION fail_listed_vaults() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF EXISTS (SELECT 1 FROM failing_vaults f JOIN "Vaults" v ON v."Name" = f.name WHERE v."Id" = NEW."VaultId") THEN
                        RAISE EXCEPTION 'the disk is full (a test''s trigger)';
                    END IF;
                    RETURN NEW;
                END $$;
                CREATE TRIGGER fail_listed_vaults BEFORE INSERT ON "Notes" FOR EACH ROW EXECUTE FUNCTION fail_listed_vaults();
                """);
        }

        public async Task BreakImportsIntoAsync(string vault)
        {
            await using var db = Database.CreateContext();
            await db.Database.ExecuteSqlAsync($"INSERT INTO failing_vaults VALUES ({vault})");
        }

        public async Task MendImportsIntoAsync(string vault)
        {
            await using var db = Database.CreateContext();
            await db.Database.ExecuteSqlAsync($"DELETE FROM failing_vaults WHERE name = {vault}");
        }

        public override async ValueTask DisposeAsync()
        {
            await base.DisposeAsync();
            if (Directory.Exists(KeptFolder))
            {
                Directory.Delete(KeptFolder, recursive: true);
            }
        }
    }

    [Fact]
    public async Task AFailedImportIsRetriedFromItsReportWithoutUploadingAgain()
    {
        using var editor = await EditorAsync();
        await app.BreakImportsIntoAsync("flaky");
        using var zip = TestZip.With(("Attention.md", "# Attention\n\nSee [[Transformers]].\n"u8.ToArray()), ("Transformers.md", "# Transformers"u8.ToArray()));

        using var upload = await UploadAsync(editor, zip.Path, "flaky");

        Assert.Equal(HttpStatusCode.InternalServerError, upload.StatusCode);
        var failed = (await ProblemAsync(upload)).GetProperty("report").GetString()!;
        var failedPage = await editor.GetStringAsync(new Uri(failed, UriKind.Relative));
        Assert.Contains("Nothing was imported. The import stopped with an unexpected error.", failedPage, StringComparison.Ordinal);
        Assert.Contains("Retry the import", failedPage, StringComparison.Ordinal);
        Assert.True(File.Exists(KeptZipOf(failed)));

        // Still broken: the retry fails too, and its own report offers the next retry.
        using var firstRetry = await StudyHubApp.PostFormAsync(editor, failed, "retry-import", []);
        var secondFailed = firstRetry.RequestMessage!.RequestUri!.AbsolutePath;
        Assert.NotEqual(failed, secondFailed);
        Assert.Contains("Retry the import", await firstRetry.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains($"<a href=\"{secondFailed}\">the report of the retry</a>", await editor.GetStringAsync(new Uri(failed, UriKind.Relative)), StringComparison.Ordinal);

        await app.MendImportsIntoAsync("flaky");
        using var secondRetry = await StudyHubApp.PostFormAsync(editor, secondFailed, "retry-import", []);

        var imported = await secondRetry.Content.ReadAsStringAsync();
        Assert.Contains("Import of flaky", imported, StringComparison.Ordinal);
        Assert.Contains("<dt>Notes added</dt><dd>2</dd>", imported, StringComparison.Ordinal);
        Assert.Contains("vault.zip, uploaded by editor@example.org, retried by editor@example.org, retried by editor@example.org", imported, StringComparison.Ordinal);
        var secondPage = await editor.GetStringAsync(new Uri(secondFailed, UriKind.Relative));
        Assert.Contains($"<a href=\"{secondRetry.RequestMessage!.RequestUri!.AbsolutePath}\">the report of the retry</a>", secondPage, StringComparison.Ordinal);
        Assert.DoesNotContain("Retry the import", secondPage, StringComparison.Ordinal);
        Assert.False(File.Exists(KeptZipOf(failed)));
        Assert.False(File.Exists(KeptZipOf(secondFailed)));
        await using var db = app.Database.CreateContext();
        Assert.Equal(2, await db.Notes.CountAsync(n => n.Vault.Name == "flaky"));
    }

    [Fact]
    public async Task ARefusedUploadIsNotKeptAndItsReportSaysToUploadAFixedFile()
    {
        using var editor = await EditorAsync();
        using var zip = TestZip.With();
        await File.WriteAllTextAsync(zip.Path, "# A note, not an archive");

        using var upload = await UploadAsync(editor, zip.Path, "refused");

        Assert.Equal(HttpStatusCode.BadRequest, upload.StatusCode);
        var report = (await ProblemAsync(upload)).GetProperty("report").GetString()!;
        var page = await editor.GetStringAsync(new Uri(report, UriKind.Relative));
        Assert.Contains("not a zip archive", page, StringComparison.Ordinal);
        Assert.Contains("<a href=\"/admin/imports\">upload the fixed zip</a>", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Retry the import", page, StringComparison.Ordinal);
        Assert.False(File.Exists(KeptZipOf(report)));
    }

    [Fact]
    public async Task KeptZipsMakeRoomOldestFirstAndGoAfterTheirDays()
    {
        using var editor = await EditorAsync();
        var reports = new List<string>();
        foreach (var vault in new[] { "kept-1", "kept-2", "kept-3" })
        {
            await app.BreakImportsIntoAsync(vault);
            var noise = new byte[500];
            new Random(3).NextBytes(noise);
            using var zip = TestZip.With(("Note.md", System.Text.Encoding.UTF8.GetBytes($"# {vault}\n\nA note that does not import.")), ("noise.bin", noise));
            Assert.InRange(new FileInfo(zip.Path).Length, FailingImportApp.KeptBytes / 3 + 1, FailingImportApp.KeptBytes / 2);
            using var upload = await UploadAsync(editor, zip.Path, vault);
            reports.Add((await ProblemAsync(upload)).GetProperty("report").GetString()!);
        }

        var oldest = await editor.GetStringAsync(new Uri(reports[0], UriKind.Relative));
        Assert.Contains("Its zip is no longer kept", oldest, StringComparison.Ordinal);
        Assert.DoesNotContain("Retry the import", oldest, StringComparison.Ordinal);
        Assert.Contains("Retry the import", await editor.GetStringAsync(new Uri(reports[1], UriKind.Relative)), StringComparison.Ordinal);

        var second = KeptZipOf(reports[1]);
        File.SetLastWriteTimeUtc(second, DateTime.UtcNow.AddDays(-8));
        var expired = await editor.GetStringAsync(new Uri(reports[1], UriKind.Relative));
        Assert.Contains("Its zip is no longer kept", expired, StringComparison.Ordinal);
        Assert.False(File.Exists(second));
        Assert.Contains("Retry the import", await editor.GetStringAsync(new Uri(reports[2], UriKind.Relative)), StringComparison.Ordinal);
    }

    /// Where a run's zip is kept, from its report's address.
    string KeptZipOf(string report) => Path.Combine(app.KeptFolder, $"{Guid.Parse(report.Split('/')[^1]):N}.zip");

    /// An editor's client that follows redirects and sends the antiforgery token as the upload script does.
    async Task<HttpClient> EditorAsync()
    {
        var client = app.CreateClient();
        using var signedIn = await StudyHubApp.SignInAsync(client, "editor@example.org");
        var token = await client.GetFromJsonAsync<JsonElement>(new Uri("/api/antiforgery", UriKind.Relative));
        client.DefaultRequestHeaders.Add(token.GetProperty("headerName").GetString()!, token.GetProperty("token").GetString());
        return client;
    }

    static async Task<HttpResponseMessage> UploadAsync(HttpClient client, string zipPath, string newVault) =>
        await VaultUpload.PostAsync(client, new ByteArrayContent(await File.ReadAllBytesAsync(zipPath)), newVault: newVault);

    static async Task<JsonElement> ProblemAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
}
