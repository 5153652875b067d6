using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using StudyHub.Testing;
using StudyHub.Web.Features.Concepts;
using StudyHub.Web.Features.Graph;

namespace StudyHub.Web.Tests.Reading;

public sealed class ReadingCacheTests(StudyHubApp app) : IClassFixture<StudyHubApp>
{
    [Fact]
    public async Task ANotePageIsServedFromTheCacheUntilTheNextImport()
    {
        using var vault = new TempVault("cached").Write("Cached note.md", "First words.");
        await app.ImportVaultAsync(vault.Root);
        using var client = app.CreateClient();

        using var first = await client.GetAsync(NotePage);
        var cached = await ServedFromTheCacheAsync(client, NotePage);
        vault.Write("Cached note.md", "Second words.");
        await app.ImportVaultAsync(vault.Root);
        using var afterImport = await client.GetAsync(NotePage);

        Assert.False(first.Headers.Age.HasValue);
        Assert.True(cached, "No request was served from the output cache.");
        Assert.Contains("Second words.", await afterImport.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.False(afterImport.Headers.Age.HasValue);
    }

    [Fact]
    public async Task AConceptPageIsServedFromTheCacheUntilAConceptIsCorrected()
    {
        await app.ImportSampleVaultAsync();
        using var client = app.CreateClient();

        var cached = await ServedFromTheCacheAsync(client, new Uri("/concepts/alec-radford", UriKind.Relative));
        using (var scope = app.Services.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<ConceptCorrections>().CorrectAsync("alec-radford", NodeKind.Organization, []);
        }
        using var afterCorrection = await client.GetAsync(new Uri("/concepts/alec-radford", UriKind.Relative));

        Assert.True(cached, "No request was served from the output cache.");
        Assert.Contains("<a href=\"/concepts#organization\">Organizations</a>", await afterCorrection.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.False(afterCorrection.Headers.Age.HasValue);
    }

    [Fact]
    public async Task TheSearchPageIsNotCached()
    {
        using var client = app.CreateClient();

        using var first = await client.GetAsync(new Uri("/search?q=anything", UriKind.Relative));
        using var second = await client.GetAsync(new Uri("/search?q=anything", UriKind.Relative));

        Assert.False(second.Headers.Age.HasValue);
    }

    static readonly Uri NotePage = new("/notes/cached-note", UriKind.Relative);

    /// A page that shows the concept graph is not stored while that graph is older than the content, and on a busy
    /// machine the graph of the import just made can take longer to build than a reader waits for it; so the page is
    /// asked for again, for a while, until the cache serves it.
    static async Task<bool> ServedFromTheCacheAsync(HttpClient client, Uri page)
    {
        var patience = Stopwatch.StartNew();
        do
        {
            using var response = await client.GetAsync(page);
            if (response.Headers.Age.HasValue)
            {
                return true;
            }
            await Task.Delay(TimeSpan.FromMilliseconds(200));
        }
        while (patience.Elapsed < TimeSpan.FromSeconds(30));
        return false;
    }
}
