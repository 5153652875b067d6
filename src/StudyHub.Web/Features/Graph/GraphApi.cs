using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using StudyHub.Web.Features.Concepts;

namespace StudyHub.Web.Features.Graph;

/// The whole graph, or a part of it, as JSON nodes and edges; OmittedEdges counts the weaker edges a cap left out.
public sealed record GraphResponse(IReadOnlyList<GraphNode> Nodes, IReadOnlyList<GraphEdge> Edges, int OmittedEdges = 0)
{
    public static GraphResponse Of(ConceptGraph graph, int maxEdges = int.MaxValue)
    {
        var edges = graph.StrongestEdges(maxEdges);
        return new(graph.Nodes, edges, graph.Edges.Count - edges.Count);
    }
}

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(GraphResponse))]
public sealed partial class GraphJsonContext : JsonSerializerContext;

public static class GraphApi
{
    /// The most edges a picture asks for. Cytoscape's canvas draws about this many within a second on a slow machine, and
    /// redraws them after every pan; tens of thousands take seconds each time and only grey the picture out.
    public const int EdgesPerPicture = 4_000;

    /// Where a picture fetches what the filter selects, at most EdgesPerPicture edges of it.
    public static string PictureSource(GraphFilter filter)
    {
        List<KeyValuePair<string, string?>> query = [];
        void Add(string name, string? value)
        {
            if (value is not null)
            {
                query.Add(new(name, value));
            }
        }
        Add("center", filter.Center);
        Add("depth", filter.Center is null ? null : filter.Depth.ToString(CultureInfo.InvariantCulture));
        Add("kinds", filter.Kinds is { Count: > 0 } kinds ? string.Join(',', kinds.Order().Select(k => k.Name())) : null);
        Add("vault", filter.Vault);
        Add("tag", filter.Tag);
        Add("mentions", filter.WithMentions ? null : "false");
        Add("orphans", filter.WithOrphans ? null : "false");
        Add("maxEdges", EdgesPerPicture.ToString(CultureInfo.InvariantCulture));
        return "/api/graph" + QueryString.Create(query);
    }

    public static void AddGraph(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<GraphStore>();
        builder.Services.AddTransient<ConceptCorrections>();
        builder.Services.ConfigureHttpJsonOptions(json => json.SerializerOptions.TypeInfoResolverChain.Insert(0, GraphJsonContext.Default));
    }

    public static void MapGraph(this WebApplication app) =>
        app.MapGet("/api/graph", async (GraphStore store, CancellationToken cancellationToken,
                string? center = null, int depth = 1, string? kinds = null, string? vault = null, string? tag = null,
                bool mentions = true, bool orphans = true, int? maxEdges = null) =>
            {
                if (maxEdges < 0)
                {
                    return Results.ValidationProblem(new Dictionary<string, string[]> { ["maxEdges"] = ["maxEdges cannot be negative."] });
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
                return Results.Ok(GraphResponse.Of(filter.Apply(graph), maxEdges ?? int.MaxValue));
            })
            .WithName("GetGraph")
            .WithSummary("The concept graph: notes and not-yet-written concepts as nodes; links, relations, co-mentions and unlinked mentions as edges.")
            .WithDescription("Without parameters, the whole graph. center and depth (1–3) select a neighbourhood; kinds (comma-separated: " +
                "lecture, model, paper, person, organization, dataset, benchmark, technique, other, unclassified), vault and tag keep " +
                "matching nodes (the center always stays); mentions=false drops unlinked-mention edges; orphans=false drops nodes left without edges. " +
                "maxEdges keeps only that many edges, the strongest first (relations, links, co-mentions, then unlinked mentions; " +
                "heavier first), and omittedEdges says how many were left out; degrees still count every edge.")
            .Produces<GraphResponse>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
}
