using System.Diagnostics.Metrics;
using System.Net;
using System.Net.Http.Headers;
using Microsoft.EntityFrameworkCore;
using StudyHub.Testing;

namespace StudyHub.Web.Tests.Import;

public sealed class AttachmentServingTests(StudyHubApp app) : IClassFixture<StudyHubApp>
{
    static readonly byte[] Video = [.. Enumerable.Range(0, 4096).Select(i => (byte)(i % 251))];

    [Fact]
    public async Task AnEmbeddedVideoIsServedWithItsTypeCachingAndRanges()
    {
        using var vault = new TempVault("media").Write("Lecture.md", "![[talk.mp4]]").Write("media/talk.mp4", Video);
        await app.ImportVaultAsync(vault.Root);
        var url = await UrlInHtmlAsync("media", "/attachments/");
        using var client = app.CreateClient();

        using var whole = await client.GetAsync(new Uri(url, UriKind.Relative));
        using var request = new HttpRequestMessage(HttpMethod.Get, url) { Headers = { Range = new RangeHeaderValue(100, 199) } };
        using var part = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, whole.StatusCode);
        Assert.Equal("video/mp4", whole.Content.Headers.ContentType?.MediaType);
        Assert.Equal(Video, await whole.Content.ReadAsByteArrayAsync());
        Assert.Contains("immutable", whole.Headers.CacheControl?.ToString(), StringComparison.Ordinal);
        Assert.Equal("inline", whole.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal("nosniff", whole.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal(HttpStatusCode.PartialContent, part.StatusCode);
        Assert.Equal(Video[100..200], await part.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task AnHtmlAttachmentIsADownloadThatCannotRunScript()
    {
        using var vault = new TempVault("hostile-files").Write("Note.md", "![[page.html]]").Write("page.html", "<script>alert(1)</script>");
        await app.ImportVaultAsync(vault.Root);
        await using var db = app.Database.CreateContext();
        var hash = await db.Attachments.Where(a => a.Path == "page.html").Select(a => a.ContentHash).SingleAsync();
        using var client = app.CreateClient();

        using var response = await client.GetAsync(new Uri($"/attachments/{hash}/page.html", UriKind.Relative));

        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal("page.html", response.Content.Headers.ContentDisposition?.FileNameStar);
        Assert.Contains("sandbox", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("gadget.js")]
    [InlineData("theme.css")]
    [InlineData("page.html")]
    public async Task AFileThatIsNotMediaIsServedAsBytesThatNoPageCanLoadAsCode(string name)
    {
        using var vault = new TempVault("code-files").Write("Note.md", $"[[{name}]]").Write(name, "window.xssFired = 1;");
        await app.ImportVaultAsync(vault.Root);
        await using var db = app.Database.CreateContext();
        var hash = await db.Attachments.Where(a => a.Path == name && db.Vaults.Any(v => v.Id == a.VaultId && v.Name == "code-files"))
            .Select(a => a.ContentHash).SingleAsync();
        using var client = app.CreateClient();

        using var response = await client.GetAsync(new Uri($"/attachments/{hash}/{name}", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/octet-stream", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
    }

    /// Larger than a slice of the database store, so a whole download and a long range read several slices.
    static readonly byte[] Recording = RandomBytes(5 * 1024 * 1024 + 123, seed: 11);

    [Fact]
    public async Task ALargeFileIsServedWholeAndInAnyRangeFromTheDatabase()
    {
        var url = await ImportAsync("recording", "talk.mp3", Recording);
        using var client = app.CreateClient();

        using var whole = await client.GetAsync(new Uri(url, UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, whole.StatusCode);
        Assert.Equal(Recording.Length, whole.Content.Headers.ContentLength);
        Assert.Equal(Recording, await whole.Content.ReadAsByteArrayAsync());
        var length = Recording.Length;
        foreach (var (from, to, expected) in new (long? From, long? To, Range Bytes)[]
        {
            (0, 0, 0..1),
            (1_000, 3_000_000, 1_000..3_000_001),
            (4 * 1024 * 1024 - 10, 4 * 1024 * 1024 + 10, (4 * 1024 * 1024 - 10)..(4 * 1024 * 1024 + 11)),
            (null, 100, (length - 100)..length),
            (length - 5, null, (length - 5)..length),
            (100, length + 1_000, 100..length),
        })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, url) { Headers = { Range = new RangeHeaderValue(from, to) } };
            using var part = await client.SendAsync(request);

            Assert.Equal(HttpStatusCode.PartialContent, part.StatusCode);
            Assert.Equal(Recording[expected], await part.Content.ReadAsByteArrayAsync());
        }
        using var beyond = new HttpRequestMessage(HttpMethod.Get, url) { Headers = { Range = new RangeHeaderValue(length, null) } };
        using var unsatisfiable = await client.SendAsync(beyond);
        Assert.Equal(HttpStatusCode.RequestedRangeNotSatisfiable, unsatisfiable.StatusCode);
        Assert.Equal($"bytes */{length}", unsatisfiable.Content.Headers.ContentRange?.ToString());
    }

    /// The store reads from where the range starts, in slices that grow from the range's size, so a few bytes of a
    /// 64 MB file cost a few bytes from PostgreSQL, where loading the file cost all of it (Npgsql counts what it reads).
    [Fact]
    public async Task ASmallRangeOfTheLargestFileReadsLittleFromTheDatabase()
    {
        var largest = RandomBytes(64 * 1024 * 1024, seed: 13);
        var url = await ImportAsync("largest", "lecture.mp4", largest);
        using var client = app.CreateClient();
        using var bytesRead = new DatabaseBytesRead(app.Database.Name);

        var before = bytesRead.Total();
        using var request = new HttpRequestMessage(HttpMethod.Get, url) { Headers = { Range = new RangeHeaderValue(40_000_000, 40_000_099) } };
        using var part = await client.SendAsync(request);
        var read = bytesRead.Total() - before;

        Assert.Equal(HttpStatusCode.PartialContent, part.StatusCode);
        Assert.Equal(largest[40_000_000..40_000_100], await part.Content.ReadAsByteArrayAsync());
        Assert.InRange(read, 1, 64 * 1024);
    }

    /// The hash names the content, so a reader who has it is answered before the store is asked: here the stored
    /// bytes are gone, and the 304 comes all the same.
    [Fact]
    public async Task AReaderWhoHasTheFileIsAnsweredWithoutTheStore()
    {
        var url = await ImportAsync("gone", "figure.png", [0x89, 0x50, 0x4E, 0x47, 1, 2, 3]);
        var hash = url.Split('/')[2];
        await using (var db = app.Database.CreateContext())
        {
            await db.AttachmentContents.Where(c => c.ContentHash == hash).ExecuteDeleteAsync();
        }
        using var client = app.CreateClient();

        using var again = new HttpRequestMessage(HttpMethod.Get, url) { Headers = { IfNoneMatch = { new EntityTagHeaderValue($"\"{hash}\"") } } };
        using var unchanged = await client.SendAsync(again);
        using var first = await client.GetAsync(new Uri(url, UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotModified, unchanged.StatusCode);
        Assert.Equal($"\"{hash}\"", unchanged.Headers.ETag?.ToString());
        Assert.Equal(HttpStatusCode.NotFound, first.StatusCode);
    }

    [Theory]
    [InlineData("/attachments/not-a-hash/x.png")]
    [InlineData("/attachments/0000000000000000000000000000000000000000000000000000000000000000/x.png")]
    public async Task UnknownAttachmentsAreNotFound(string url)
    {
        using var client = app.CreateClient();
        using var response = await client.GetAsync(new Uri(url, UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    /// Imports a vault whose one note embeds the file, and returns the file's address.
    async Task<string> ImportAsync(string vault, string fileName, byte[] content)
    {
        using (var folder = new TempVault(vault).Write("Note.md", $"![[{fileName}]]").Write(fileName, content))
        {
            await app.ImportVaultAsync(folder.Root);
        }
        return await UrlInHtmlAsync(vault, "/attachments/");
    }

    static byte[] RandomBytes(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    /// The bytes Npgsql has read from the server for one database's connections, from its metrics (observed totals, or
    /// increments as they are counted).
    sealed class DatabaseBytesRead : IDisposable
    {
        readonly MeterListener _listener = new();
        long _observed;
        long _counted;

        public DatabaseBytesRead(string database)
        {
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == "Npgsql" && instrument.Name == "db.client.operation.npgsql.bytes_read")
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            };
            _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
            {
                foreach (var tag in tags)
                {
                    if (tag.Key == "db.client.connection.pool.name" && tag.Value is string pool && pool.Contains(database, StringComparison.Ordinal))
                    {
                        Interlocked.Add(ref instrument.IsObservable ? ref _observed : ref _counted, value);
                    }
                }
            });
            _listener.Start();
        }

        public long Total()
        {
            Interlocked.Exchange(ref _observed, 0);
            _listener.RecordObservableInstruments();
            return Interlocked.Read(ref _observed) + Interlocked.Read(ref _counted);
        }

        public void Dispose() => _listener.Dispose();
    }

    async Task<string> UrlInHtmlAsync(string vault, string prefix)
    {
        await using var db = app.Database.CreateContext();
        var html = await db.Notes.Where(n => n.Vault.Name == vault).Select(n => n.Html).SingleAsync();
        var start = html.IndexOf(prefix, StringComparison.Ordinal);
        Assert.True(start >= 0, $"No {prefix} URL in {html}");
        return html[start..html.IndexOf('"', start)];
    }
}
