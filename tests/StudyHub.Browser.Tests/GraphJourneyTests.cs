using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Web;
using Xunit.Abstractions;
using Microsoft.Playwright;
using StudyHub.Testing;
using StudyHub.Web.Features.Accounts;
using StudyHub.Web.Features.Graph;
using static Microsoft.Playwright.Assertions;

namespace StudyHub.Browser.Tests;

public sealed class GraphJourneyTests(BrowserApp app, ITestOutputHelper output) : BrowserTest(app)
{
    [Fact]
    public Task FilteringTheGraphToPeopleAndClickingOneOpensTheirNote() => JourneyAsync(nameof(FilteringTheGraphToPeopleAndClickingOneOpensTheirNote), async () =>
    {
        await Page.GotoAsync("/graph");
        var picture = Page.Locator("[data-graph][data-state=ready]");
        await Expect(picture).ToBeVisibleAsync();

        await Page.GetByLabel("Kind", new() { Exact = true }).SelectOptionAsync("person");

        var list = Page.Locator("#graph-list");
        await Expect(list.GetByRole(AriaRole.Link, new() { Name = "Yann LeCun" })).ToBeVisibleAsync();
        await Expect(list.GetByRole(AriaRole.Link, new() { Name = "CLIP", Exact = true })).ToBeHiddenAsync();
        await Expect(picture).ToHaveAttributeAsync("data-visible-nodes", "3");
        await Expect(Page).ToHaveURLAsync(new Regex("kind=person"));

        var box = (await picture.BoundingBoxAsync())!;
        var node = await picture.EvaluateAsync<float[]>("element => Object.values(element.cy.getElementById('n:douwe-kiela').renderedPosition())");
        await Page.Mouse.ClickAsync(box.X + node[0], box.Y + node[1]);

        await Expect(Page).ToHaveURLAsync(new Uri(BaseAddress, "/notes/cs224n/people/douwe-kiela").ToString());
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Douwe Kiela", Level = 1 }).First).ToBeVisibleAsync();
    });

    [Fact]
    public Task FindingANodeFocusesItAndADepthKeepsOnlyItsNeighbourhood() => JourneyAsync(nameof(FindingANodeFocusesItAndADepthKeepsOnlyItsNeighbourhood), async () =>
    {
        await Page.GotoAsync("/graph");
        var picture = Page.Locator("[data-graph][data-state=ready]");
        var everything = (await picture.GetAttributeAsync("data-visible-nodes"))!;

        await Page.GetByLabel("Find").FillAsync("CLIP");
        await Page.GetByLabel("Find").PressAsync("Enter");

        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Around CLIP" })).ToBeVisibleAsync();
        await Expect(picture).ToHaveAttributeAsync("data-visible-nodes", everything);
        Assert.True(await picture.EvaluateAsync<bool>("element => element.cy.getElementById('n:clip').selected()"));

        await Page.GetByLabel("Depth").SelectOptionAsync("1");

        await Expect(Page).ToHaveURLAsync(new Regex("center=CLIP&depth=1$"));
        await Expect(picture).Not.ToHaveAttributeAsync("data-visible-nodes", everything);
        Assert.Contains("n:alec-radford", await picture.EvaluateAsync<string[]>("element => element.cy.nodes().map(n => n.id())"));
    });

    [Fact]
    public Task AConceptPageShowsItsConnectionsAsAPictureAndAList() => JourneyAsync(nameof(AConceptPageShowsItsConnectionsAsAPictureAndAList), async () =>
    {
        await Page.GotoAsync("/concepts/transformer");

        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Transformer", Level = 1 })).ToBeVisibleAsync();
        await Expect(Page.Locator(".local-graph [data-graph][data-state=ready]")).ToBeVisibleAsync();
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Has it as based on" })).ToBeVisibleAsync();
        await Expect(Page.Locator(".local-graph").GetByRole(AriaRole.Link, new() { Name = "CLIP", Exact = true }).First).ToBeVisibleAsync();
    });

    [Fact]
    public Task AnEditorRetypesAConceptFromItsPageAndTheGraphFollows() => JourneyAsync(nameof(AnEditorRetypesAConceptFromItsPageAndTheGraphFollows), async () =>
    {
        await App.CreateUserAsync("editor@example.org", Roles.Editor);
        await Page.GotoAsync("/account/login?ReturnUrl=%2Fconcepts%2Fpmd");
        await Page.GetByLabel("Email").FillAsync("editor@example.org");
        await Page.GetByLabel("Password").FillAsync(StudyHubApp.Password);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "PMD", Level = 1 })).ToBeVisibleAsync();

        await Page.GetByText("Correct its kind or other names").ClickAsync();
        await Page.GetByLabel("Kind").SelectOptionAsync("benchmark");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Save correction" }).ClickAsync();

        await Expect(Page).ToHaveURLAsync(new Uri(BaseAddress, "/concepts/pmd").ToString());
        await Expect(Page.Locator(".concept-kind")).ToHaveTextAsync("Benchmarks");
        await Page.GotoAsync("/graph?kind=benchmark");
        await Expect(Page.Locator("#graph-list").GetByRole(AriaRole.Link, new() { Name = "PMD", Exact = true })).ToBeVisibleAsync();
    });

    [Fact]
    public Task AGraphOf5000NodesAnd50000EdgesIsDrawnAsItsMostConnectedPart() => JourneyAsync(nameof(AGraphOf5000NodesAnd50000EdgesIsDrawnAsItsMostConnectedPart), async () =>
    {
        var graph = LargeGraph(nodes: 5_000, edges: 50_000);
        // Answers as the API would for this graph, honouring the caps the page asks for or the API's own.
        await Page.RouteAsync(new Regex(@"/api/graph(\?|$)"), route =>
        {
            var query = HttpUtility.ParseQueryString(new Uri(route.Request.Url).Query);
            int Cap(string name, int fallback) => query[name] is { } cap ? int.Parse(cap, CultureInfo.InvariantCulture) : fallback;
            var body = JsonSerializer.Serialize(GraphResponse.Of(graph, Cap("maxNodes", GraphApi.NodesPerPicture), Cap("maxEdges", GraphApi.EdgesPerPicture)),
                GraphJsonContext.Default.GraphResponse);
            return route.FulfillAsync(new() { Body = body, ContentType = "application/json" });
        });

        await Page.GotoAsync("/graph");

        var picture = Page.Locator("[data-graph][data-state=ready]");
        await Expect(picture).ToBeVisibleAsync(new() { Timeout = 60_000 });
        await Expect(picture).ToHaveAttributeAsync("data-visible-nodes", "2000");
        await Expect(Page.Locator("#graph-status")).ToContainTextAsync(
            $"Showing the 2,000 most connected of 5,000 nodes and 4,000 of {graph.Edges.Count:N0} connections, the strongest");
        var busiest = graph.ByConnections[0];
        Assert.Equal("", await picture.EvaluateAsync<string>($"element => element.cy.getElementById('n:{busiest.Id}').style('label')"));
        Assert.Equal(busiest.Label, await picture.EvaluateAsync<string>($"element => {{ element.cy.zoom(2); return element.cy.getElementById('n:{busiest.Id}').style('label'); }}"));
        await Expect(picture).ToHaveAttributeAsync("data-complete-frame-since-page-start-ms", new Regex(@"^\d+$"));
        async Task<int> MillisecondsAsync(string attribute) => int.Parse((await picture.GetAttributeAsync(attribute))!, CultureInfo.InvariantCulture);
        // How fast is a benchmark's question (docs/benchmarks.md, "Graph"); this journey checks that it draws at all.
        output.WriteLine($"First frame of the 2,000 most connected of 5,000 nodes, and 4,000 edges: " +
            $"{await MillisecondsAsync("data-first-frame-since-page-start-ms")} ms after navigation start, " +
            $"{await MillisecondsAsync("data-first-frame-ms")} ms after the script asked for the graph; " +
            $"with its edges {await MillisecondsAsync("data-complete-frame-since-page-start-ms")} ms after navigation start.");
    });

    static ConceptGraph LargeGraph(int nodes, int edges)
    {
        var random = new Random(1);
        NodeKind[] kinds = [NodeKind.Lecture, NodeKind.Model, NodeKind.Paper, NodeKind.Person, NodeKind.Organization, NodeKind.Dataset, NodeKind.Technique, NodeKind.Unclassified];
        string[] edgeKinds = ["link", "link", "link", "relation:authors", "co-mention", "unlinked-mention"];
        var edgeList = Enumerable.Range(0, edges).Select(_ => (Source: random.Next(nodes), Target: random.Next(nodes), Kind: edgeKinds[random.Next(edgeKinds.Length)]))
            .Where(e => e.Source != e.Target).ToList();
        var degree = new int[nodes];
        edgeList.ForEach(e => { degree[e.Source]++; degree[e.Target]++; });
        return new ConceptGraph(
            Enumerable.Range(0, nodes).Select(i => new GraphNode($"n{i}", $"Node {i}", kinds[i % kinds.Length], degree[i], $"/notes/n{i}", "generated", true, [])).ToList(),
            edgeList.Select(e => new GraphEdge($"n{e.Source}", $"n{e.Target}", e.Kind, 1)).ToList());
    }
}
