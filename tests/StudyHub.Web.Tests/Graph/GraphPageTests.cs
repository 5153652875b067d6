using StudyHub.Testing;

namespace StudyHub.Web.Tests.Graph;

public sealed class GraphPageTests(StudyHubApp app) : IClassFixture<StudyHubApp>, IAsyncLifetime
{
    public async Task InitializeAsync() => await app.ImportSampleVaultAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task TheConceptsPageGroupsConceptsByKindWithCounts()
    {
        var page = await GetAsync("/concepts");

        Assert.Contains("People <span class=\"count\">(3)</span>", page, StringComparison.Ordinal);
        Assert.Contains("Organizations <span class=\"count\">(7)</span>", page, StringComparison.Ordinal);
        Assert.Contains("Datasets <span class=\"count\">(2)</span>", page, StringComparison.Ordinal);
        Assert.Contains("<a href=\"/concepts/transformer\">Transformer</a>", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheGraphPageListsTheFilteredNodesWithoutJavaScript()
    {
        var page = await GetAsync("/graph?kind=person");

        Assert.Contains("<a href=\"/notes/cs224n/people/douwe-kiela\">Douwe Kiela</a>", page, StringComparison.Ordinal);
        Assert.DoesNotContain("<a href=\"/notes/cs224n/models/clip\">CLIP</a>", page, StringComparison.Ordinal);
        Assert.Contains("data-src=\"/api/graph?kinds=person&amp;maxEdges=4000\"", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheGraphPageAroundANodeListsItsNeighboursByHowTheyConnect()
    {
        var page = await GetAsync("/graph?center=clip&depth=1");

        Assert.Contains("Around CLIP", page, StringComparison.Ordinal);
        Assert.Contains("Authors", page, StringComparison.Ordinal);
        Assert.Contains("<a href=\"/notes/cs224n/people/alec-radford\">Alec Radford</a>", page, StringComparison.Ordinal);
        Assert.Contains("Mentioned without a link in", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AConceptNamedOnlyInFrontMatterHasAPageWithItsConnections()
    {
        var page = await GetAsync("/concepts/vision-transformer");

        Assert.Contains("Not yet written", page, StringComparison.Ordinal);
        Assert.Contains("Has it as based on", page, StringComparison.Ordinal);
        Assert.Contains("<a href=\"/notes/cs224n/models/clip\">CLIP</a>", page, StringComparison.Ordinal);
        Assert.Contains("data-src=\"/api/graph?center=vision-transformer&amp;depth=1&amp;maxEdges=4000\"", page, StringComparison.Ordinal);
    }

    async Task<string> GetAsync(string url)
    {
        using var client = app.CreateClient();
        var response = await client.GetAsync(new Uri(url, UriKind.Relative));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{url}: {(int)response.StatusCode}\n{body}");
        return body;
    }
}
