namespace StudyHub.Web.Features.Graph;

public static class GraphFeature
{
    public static void AddGraph(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<GraphStore>();
        builder.Services.ConfigureHttpJsonOptions(json => json.SerializerOptions.TypeInfoResolverChain.Insert(0, GraphJsonContext.Default));
    }

    public static void MapGraph(this WebApplication app) =>
        app.MapGet("/api/graph", async (GraphStore store, CancellationToken cancellationToken,
                string? center = null, int depth = 1, string? kinds = null, string? vault = null, string? tag = null,
                bool mentions = true, bool orphans = true, int maxNodes = GraphApi.NodesPerPicture, int maxEdges = GraphApi.EdgesPerPicture) =>
            {
                if (maxNodes is < 1 or > GraphApi.MaxNodes)
                {
                    return Results.ValidationProblem(new Dictionary<string, string[]> { ["maxNodes"] = [$"maxNodes is from 1 to {GraphApi.MaxNodes}."] });
                }
                if (maxEdges is < 0 or > GraphApi.MaxEdges)
                {
                    return Results.ValidationProblem(new Dictionary<string, string[]> { ["maxEdges"] = [$"maxEdges is from 0 to {GraphApi.MaxEdges}."] });
                }
                var kindSet = new HashSet<NodeKind>();
                foreach (var word in (kinds ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                {
                    if (NodeKinds.Parse(word) is not { } kind)
                    {
                        return Results.ValidationProblem(new Dictionary<string, string[]>
                        {
                            ["kinds"] = [$"Unknown kind '{word}'; use {string.Join(", ", NodeKinds.All.Select(k => k.Name()))}."],
                        });
                    }
                    kindSet.Add(kind);
                }
                var graph = await store.GetAsync(cancellationToken);
                if (center is not null && graph.Find(center) is null)
                {
                    return Results.Problem($"No note or concept has the slug '{center}'.", statusCode: StatusCodes.Status404NotFound);
                }
                var filter = new GraphFilter(center, depth, kindSet, vault, tag, mentions, orphans);
                return Results.Ok(GraphResponse.Of(filter.Apply(graph), maxNodes, maxEdges, center));
            })
            .WithName("GetGraph")
            .WithSummary("The concept graph: notes and not-yet-written concepts as nodes; links, relations, co-mentions and unlinked mentions as edges.")
            .WithDescription("Without parameters, the 2,000 most connected nodes and the 4,000 strongest edges among them; omittedNodes and " +
                "omittedEdges say how many were left out. center and depth (1–3) select a neighbourhood; kinds (comma-separated: " +
                "lecture, model, paper, person, organization, dataset, benchmark, technique, other, unclassified), vault and tag keep " +
                "matching nodes (the center always stays); mentions=false drops unlinked-mention edges; orphans=false drops nodes left without edges. " +
                "maxNodes (1–5,000) keeps that many nodes, the most connected first (a center always stays); maxEdges (0–20,000) that " +
                "many edges among them, the strongest first (relations, links, co-mentions, then unlinked mentions; heavier first); " +
                "degrees still count every edge of the whole graph.")
            .Produces<GraphResponse>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
}
