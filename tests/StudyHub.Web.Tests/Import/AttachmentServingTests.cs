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

    [Theory]
    [InlineData("/attachments/not-a-hash/x.png")]
    [InlineData("/attachments/0000000000000000000000000000000000000000000000000000000000000000/x.png")]
    public async Task UnknownAttachmentsAreNotFound(string url)
    {
        using var client = app.CreateClient();
        using var response = await client.GetAsync(new Uri(url, UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
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
