using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

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
}
