using System.Net;
using System.Net.Http.Json;
using StudyHub.Testing;
using StudyHub.Web.Features.Accounts;
using StudyHub.Web.Features.Graph;

namespace StudyHub.Web.Tests.Graph;

public sealed class SampleVaultGraphTests(StudyHubApp app) : IClassFixture<StudyHubApp>, IAsyncLifetime
{
    const string Lecture = "multimodal-deep-learning";
    GraphResponse graph = null!;

    public async Task InitializeAsync()
    {
        await app.ImportSampleVaultAsync();
        graph = await GetGraphAsync("/api/graph");
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public void DouweKielaIsAPersonConnectedToHisOrganizations()
    {
        Assert.Equal(NodeKind.Person, Node("douwe-kiela").Kind);
        Assert.Contains("relation:organization", KindsBetween("douwe-kiela", "meta-ai-research"));
        Assert.Contains("relation:organization", KindsBetween("douwe-kiela", "hugging-face"));
        Assert.Contains("relation:organization", KindsBetween("douwe-kiela", "contextual-ai"));
        Assert.Equal(NodeKind.Organization, Node("contextual-ai").Kind);
    }

    [Fact]
    public void ClipIsAModelConnectedToOpenAIAndAlecRadford()
    {
        Assert.Equal(NodeKind.Model, Node("clip").Kind);
        Assert.Contains("relation:organization", KindsBetween("clip", "openai"));
        Assert.Contains("relation:authors", KindsBetween("clip", "alec-radford"));
    }

    [Theory]
    [InlineData("douwe-kiela")]
    [InlineData("meta-ai-research")]
    [InlineData("hugging-face")]
    [InlineData("contextual-ai")]
    [InlineData("clip")]
    [InlineData("openai")]
    [InlineData("alec-radford")]
    public void TheLectureConnectsToThePeopleModelsAndOrganizationsItTalksAbout(string slug)
    {
        Assert.Equal(NodeKind.Lecture, Node(Lecture).Kind);
        Assert.NotEmpty(KindsBetween(Lecture, slug));
    }

    [Fact]
    public void TheLecturesPlainTextMentionOfAlecRadfordIsAnUnlinkedMention()
    {
        var mention = Assert.Single(graph.Edges, e => e.Source == Lecture && e.Target == "alec-radford" && e.Kind == "unlinked-mention");
        Assert.Equal(1, mention.Weight);
    }

    [Fact]
    public void LinksInsideCodeOrLinkTextAreNotCountedAsMentions()
    {
        // "HuggingFace" is only written as link text in the lecture, and "Douwe Kiela" is linked in CLIP's callout.
        Assert.DoesNotContain(graph.Edges, e => e.Source == "clip" && e.Target == "douwe-kiela" && e.Kind == "unlinked-mention");
        Assert.DoesNotContain(graph.Edges, e => e.Source == Lecture && e.Target == "hugging-face" && e.Kind == "unlinked-mention");
    }

    [Fact]
    public void PeopleAndOrganizationsLinkedFromTheSameLectureSectionAreCoMentioned()
    {
        var edge = Assert.Single(graph.Edges, e => e.Kind == "co-mention" && e.Source == "douwe-kiela" && e.Target == "meta-ai-research");
        Assert.True(edge.Weight >= 1);
        Assert.DoesNotContain(graph.Edges, e => e.Kind == "co-mention" && (e.Source == Lecture || e.Target == Lecture));
    }

    [Fact]
    public void ConceptsNotYetWrittenAreNodesWithAKindTheirRelationImplies()
    {
        var transformer = Node("transformer");
        Assert.False(transformer.Written);
        Assert.Equal("/concepts/transformer", transformer.Url);
        Assert.Contains("relation:based_on", KindsBetween("clip", "vision-transformer"));
    }

    [Fact]
    public async Task ANeighbourhoodKeepsTheCenterAndOnlyTheKindsAskedFor()
    {
        var around = await GetGraphAsync("/api/graph?center=clip&depth=1&kinds=person,organization");

        Assert.Subset(around.Nodes.Select(n => n.Id).ToHashSet(), new HashSet<string> { "clip", "alec-radford", "douwe-kiela", "openai" });
        Assert.DoesNotContain(around.Nodes, n => n.Id is "whisper" or "late-fusion");
        Assert.All(around.Nodes, n => Assert.True(n.Id == "clip" || n.Kind is NodeKind.Person or NodeKind.Organization));
        Assert.All(around.Edges, e => Assert.Contains(e.Source, around.Nodes.Select(n => n.Id)));
    }

    [Fact]
    public async Task ACappedGraphKeepsEveryNodeAndTheStrongestEdgesAndCountsTheRest()
    {
        var capped = await GetGraphAsync("/api/graph?maxEdges=5");

        Assert.Equal(graph.Nodes.Select(n => (n.Id, n.Degree)), capped.Nodes.Select(n => (n.Id, n.Degree)));
        Assert.Equal(5, capped.Edges.Count);
        Assert.Equal(graph.Edges.Count - 5, capped.OmittedEdges);
        Assert.All(capped.Edges, e => Assert.StartsWith("relation:", e.Kind, StringComparison.Ordinal));
        Assert.Equal(0, graph.OmittedEdges);
    }

    [Fact]
    public async Task ACapOnNodesKeepsTheMostConnectedAndTheCenterWithTheEdgesAmongThem()
    {
        var capped = await GetGraphAsync("/api/graph?maxNodes=5");
        var quietest = graph.Nodes.MinBy(n => n.Degree)!;
        var withCenter = await GetGraphAsync($"/api/graph?maxNodes=5&center={quietest.Id}");

        var mostConnected = graph.Nodes.OrderByDescending(n => n.Degree).ThenBy(n => n.Label, StringComparer.OrdinalIgnoreCase).Take(5).Select(n => n.Id);
        Assert.Equal(mostConnected.Order(StringComparer.Ordinal), capped.Nodes.Select(n => n.Id).Order(StringComparer.Ordinal));
        Assert.Equal(graph.Nodes.Count - 5, capped.OmittedNodes);
        var kept = capped.Nodes.Select(n => n.Id).ToHashSet();
        Assert.NotEmpty(capped.Edges);
        Assert.All(capped.Edges, e => Assert.True(kept.Contains(e.Source) && kept.Contains(e.Target), $"{e.Source} → {e.Target}"));
        Assert.Equal(graph.Edges.Count - capped.Edges.Count, capped.OmittedEdges);
        Assert.Equal(5, withCenter.Nodes.Count);
        Assert.Contains(withCenter.Nodes, n => n.Id == quietest.Id);
        Assert.Equal(0, graph.OmittedNodes);
    }

    [Theory]
    [InlineData("maxNodes=0")]
    [InlineData("maxNodes=5001")]
    [InlineData("maxEdges=20001")]
    public async Task NoAnswerIsLargerThanTheCapsAllow(string query)
    {
        using var client = app.CreateClient();
        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync(new Uri($"/api/graph?{query}", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task AnUnknownCenterIsNotFoundAndAnUnknownKindOrANegativeCapIsABadRequest()
    {
        using var client = app.CreateClient();
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(new Uri("/api/graph?center=nobody", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync(new Uri("/api/graph?kinds=wizard", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync(new Uri("/api/graph?maxEdges=-1", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task TheGraphEndpointIsDescribedInTheOpenApiDocument()
    {
        await app.CreateUserAsync("openapi-admin@example.org", Roles.Admin);
        using var client = await app.ClientAsync("openapi-admin@example.org");
        var document = await client.GetStringAsync(new Uri("/openapi/v1.json", UriKind.Relative));
        Assert.Contains("\"/api/graph\"", document, StringComparison.Ordinal);
        Assert.Contains("GetGraph", document, StringComparison.Ordinal);
        Assert.Contains("unlinked-mention", document, StringComparison.Ordinal);
    }

    GraphNode Node(string id) => Assert.Single(graph.Nodes, n => n.Id == id);

    List<string> KindsBetween(string a, string b) =>
        graph.Edges.Where(e => (e.Source == a && e.Target == b) || (e.Source == b && e.Target == a)).Select(e => e.Kind).ToList();

    async Task<GraphResponse> GetGraphAsync(string url)
    {
        using var client = app.CreateClient();
        return (await client.GetFromJsonAsync<GraphResponse>(new Uri(url, UriKind.Relative)))!;
    }
}
