using System.Buffers.Binary;
using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using StudyHub.Testing;
using StudyHub.Web.Features.Accounts;

namespace StudyHub.Web.Tests.Import;

/// What an upload at /admin/imports may cost the server: how many import at once, and how much of a zip's list of
/// entries is read before the zip is judged.
public sealed class ImportLimitTests(ImportLimitTests.LimitedApp app) : IClassFixture<ImportLimitTests.LimitedApp>
{
    /// On real Kestrel, one import at a time, and at most 100 entries a zip (so a list may take 100 KB).
    public sealed class LimitedApp : StudyHubApp
    {
        public const int MaxEntries = 100;

        public Uri Address { get; private set; } = null!;

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Import:Limits:MaxConcurrentImports", "1");
            builder.UseSetting("Import:Limits:MaxEntries", MaxEntries.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        public override async Task InitializeAsync()
        {
            await base.InitializeAsync();
            Address = StartKestrel();
            await CreateUserAsync("editor@example.org", Roles.Editor);
            await CreateUserAsync("admin@example.org", Roles.Admin);
        }
    }

    /// The first upload's zip is held back until the second has been answered; it is sent only once the server asks for it
    /// ("100 Continue"), which it does after taking the import's place.
    [Fact]
    public async Task AnUploadWhileTheOnlyImportRunsIsToldToTryAgainLater()
    {
        using var editor = await ClientAsync("editor@example.org");
        using var admin = await ClientAsync("admin@example.org");
        var held = new HeldContent(ZipOf(Notes(3)));
        var first = VaultUpload.PostAsync(editor, held, newVault: "first");
        try
        {
            Assert.Same(held.Sending.Task, await Task.WhenAny(held.Sending.Task, first));

            using var refused = await UploadAsync(admin, ZipOf(Notes(2)), newVault: "second");

            Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
            Assert.Equal(TimeSpan.FromSeconds(60), refused.Headers.RetryAfter?.Delta);
            Assert.Equal("Another import is running, and StudyHub runs one at a time. Nothing was uploaded; try again in a minute.",
                await DetailAsync(refused));
        }
        finally
        {
            held.Release.TrySetResult();
        }
        using var imported = await first;
        using var retried = await UploadAsync(admin, ZipOf(Notes(2)), newVault: "second");

        Assert.Equal(HttpStatusCode.Created, imported.StatusCode);
        Assert.Equal(HttpStatusCode.Created, retried.StatusCode);
        await using var db = app.Database.CreateContext();
        Assert.Equal(5, await db.Notes.CountAsync(n => n.Vault.Name == "first" || n.Vault.Name == "second"));
    }

    public static TheoryData<string, string> ListsOverTheLimit => new()
    {
        // The end record says one entry; ZipArchive would read all 150 before finding that it lied.
        { "understated", "The archive lists more than 100 entries, over the limit of 100 (Import:Limits:MaxEntries); nothing was imported." },
        { "zip64", "The archive lists 150 entries, over the limit of 100 (Import:Limits:MaxEntries); nothing was imported." },
        // Ten entries, but each with a 20 KB comment that ZipArchive would keep in memory.
        { "long-list", "The archive's list of entries takes 205,350 bytes, over the 102,400 bytes that 100 entries may take (Import:Limits:MaxEntries); nothing was imported." },
    };

    [Theory]
    [MemberData(nameof(ListsOverTheLimit))]
    public async Task AZipWhoseListOfEntriesIsOverTheLimitIsRefusedFromItsEndRecords(string kind, string problem)
    {
        using var editor = await ClientAsync("editor@example.org");
        var zip = kind switch
        {
            "understated" => WithDeclaredEntries(ZipOf(Notes(150)), 1),
            "zip64" => AsZip64(ZipOf(Notes(150))),
            _ => ZipOf(Notes(10), comment: new string('c', 20 * 1024)),
        };

        using var response = await UploadAsync(editor, zip, newVault: kind);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(problem, await DetailAsync(response));
        await using var db = app.Database.CreateContext();
        Assert.False(await db.Vaults.AnyAsync(v => v.Name == kind));
    }

    [Fact]
    public async Task AZip64ZipWithinTheLimitsImports()
    {
        using var editor = await ClientAsync("editor@example.org");

        using var response = await UploadAsync(editor, AsZip64(ZipOf(Notes(LimitedApp.MaxEntries))), newVault: "zip64-within");

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        await using var db = app.Database.CreateContext();
        Assert.Equal(LimitedApp.MaxEntries, await db.Notes.CountAsync(n => n.Vault.Name == "zip64-within"));
    }

    static (string Name, string Text)[] Notes(int count) =>
        [.. Enumerable.Range(0, count).Select(n => ($"Note {n}.md", $"# Note {n}\n\nNext: [[Note {n + 1}]]"))];

    static byte[] ZipOf((string Name, string Text)[] notes, string? comment = null)
    {
        using var bytes = new MemoryStream();
        using (var archive = new ZipArchive(bytes, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, text) in notes)
            {
                var entry = archive.CreateEntry(name);
                if (comment is not null)
                {
                    entry.Comment = comment;
                }
                using var stream = entry.Open();
                stream.Write(Encoding.UTF8.GetBytes(text));
            }
        }
        return bytes.ToArray();
    }

    /// The zip with its end record (the last 22 bytes, as there is no comment) claiming <paramref name="entries"/>.
    static byte[] WithDeclaredEntries(byte[] zip, ushort entries)
    {
        var forged = zip.ToArray();
        BinaryPrimitives.WriteUInt16LittleEndian(forged.AsSpan(forged.Length - 22 + 8), entries);
        BinaryPrimitives.WriteUInt16LittleEndian(forged.AsSpan(forged.Length - 22 + 10), entries);
        return forged;
    }

    /// The zip with its counts, size and offset moved to a Zip64 end record, and the classic record's fields full.
    static byte[] AsZip64(byte[] zip)
    {
        var end = zip.AsSpan(zip.Length - 22);
        var entries = BinaryPrimitives.ReadUInt16LittleEndian(end[10..]);
        var size = BinaryPrimitives.ReadUInt32LittleEndian(end[12..]);
        var offset = BinaryPrimitives.ReadUInt32LittleEndian(end[16..]);
        var zip64At = zip.Length - 22;
        var tail = new byte[56 + 20 + 22];
        var record = tail.AsSpan(0, 56);
        BinaryPrimitives.WriteUInt32LittleEndian(record, 0x06064b50);
        BinaryPrimitives.WriteUInt64LittleEndian(record[4..], 44);
        BinaryPrimitives.WriteUInt16LittleEndian(record[12..], 45);
        BinaryPrimitives.WriteUInt16LittleEndian(record[14..], 45);
        BinaryPrimitives.WriteUInt64LittleEndian(record[24..], entries);
        BinaryPrimitives.WriteUInt64LittleEndian(record[32..], entries);
        BinaryPrimitives.WriteUInt64LittleEndian(record[40..], size);
        BinaryPrimitives.WriteUInt64LittleEndian(record[48..], offset);
        var locator = tail.AsSpan(56, 20);
        BinaryPrimitives.WriteUInt32LittleEndian(locator, 0x07064b50);
        BinaryPrimitives.WriteUInt64LittleEndian(locator[8..], (ulong)zip64At);
        BinaryPrimitives.WriteUInt32LittleEndian(locator[16..], 1);
        var classic = tail.AsSpan(76, 22);
        BinaryPrimitives.WriteUInt32LittleEndian(classic, 0x06054b50);
        BinaryPrimitives.WriteUInt16LittleEndian(classic[8..], ushort.MaxValue);
        BinaryPrimitives.WriteUInt16LittleEndian(classic[10..], ushort.MaxValue);
        BinaryPrimitives.WriteUInt32LittleEndian(classic[12..], uint.MaxValue);
        BinaryPrimitives.WriteUInt32LittleEndian(classic[16..], uint.MaxValue);
        return [.. zip.AsSpan(0, zip64At), .. tail];
    }

    /// A client signed in as <paramref name="email"/> that sends the antiforgery token as the upload script does, and
    /// waits for the server's "100 Continue" before sending a body, however long that takes.
    async Task<HttpClient> ClientAsync(string email)
    {
        var client = new HttpClient(new SocketsHttpHandler { Expect100ContinueTimeout = TimeSpan.FromMinutes(5) }) { BaseAddress = app.Address };
        client.DefaultRequestHeaders.ExpectContinue = true;
        using (var signedIn = await StudyHubApp.SignInAsync(client, email))
        {
            Assert.Equal(HttpStatusCode.OK, signedIn.StatusCode);
        }
        var token = await client.GetFromJsonAsync<JsonElement>(new Uri("/api/antiforgery", UriKind.Relative));
        client.DefaultRequestHeaders.Add(token.GetProperty("headerName").GetString()!, token.GetProperty("token").GetString());
        return client;
    }

    static Task<HttpResponseMessage> UploadAsync(HttpClient client, byte[] zip, string newVault) =>
        VaultUpload.PostAsync(client, new ByteArrayContent(zip), newVault: newVault);

    static async Task<string> DetailAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("detail").GetString()!;

    /// A zip that the client starts sending, then holds until released.
    sealed class HeldContent(byte[] bytes) : HttpContent
    {
        public TaskCompletionSource Sending { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            Sending.TrySetResult();
            await Release.Task;
            await stream.WriteAsync(bytes);
        }

        protected override bool TryComputeLength(out long length)
        {
            length = bytes.Length;
            return true;
        }
    }
}
