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

        using var first = await client.GetAsync(new Uri("/notes/cached-note", UriKind.Relative));
        using var second = await client.GetAsync(new Uri("/notes/cached-note", UriKind.Relative));
        vault.Write("Cached note.md", "Second words.");
        await app.ImportVaultAsync(vault.Root);
        using var afterImport = await client.GetAsync(new Uri("/notes/cached-note", UriKind.Relative));

        Assert.False(first.Headers.Age.HasValue);
        Assert.True(second.Headers.Age.HasValue, "The second request was not served from the output cache.");
        Assert.Contains("Second words.", await afterImport.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.False(afterImport.Headers.Age.HasValue);
    }

    [Fact]
    public async Task AConceptPageIsServedFromTheCacheUntilAConceptIsCorrected()
    {
        await app.ImportSampleVaultAsync();
        using var client = app.CreateClient();

        using var first = await client.GetAsync(new Uri("/concepts/alec-radford", UriKind.Relative));
        using var second = await client.GetAsync(new Uri("/concepts/alec-radford", UriKind.Relative));
        using (var scope = app.Services.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<ConceptCorrections>().CorrectAsync("alec-radford", NodeKind.Organization, []);
        }
        using var afterCorrection = await client.GetAsync(new Uri("/concepts/alec-radford", UriKind.Relative));

        Assert.True(second.Headers.Age.HasValue, "The second request was not served from the output cache.");
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
}
