using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace StudyHub.Web.Features.Graph;

/// A part of the graph as JSON nodes and edges: OmittedNodes counts the less connected nodes a cap left out, OmittedEdges
/// the edges left out with them or by a cap on edges.
public sealed record GraphResponse(IReadOnlyList<GraphNode> Nodes, IReadOnlyList<GraphEdge> Edges, int OmittedEdges = 0, int OmittedNodes = 0)
{
    public static GraphResponse Of(ConceptGraph graph, int maxNodes = int.MaxValue, int maxEdges = int.MaxValue, string? center = null)
    {
        var shown = graph.MostConnected(maxNodes, center);
        var edges = shown.StrongestEdges(maxEdges);
        return new(shown.Nodes, edges, graph.Edges.Count - edges.Count, graph.Nodes.Count - shown.Nodes.Count);
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

    /// The most nodes a picture asks for: the most connected of a large vault, about 400 KB of JSON. Cytoscape lays out
    /// this many without edges in about a second; a reader sees the rest by filtering or by a neighbourhood.
    public const int NodesPerPicture = 2_000;

    /// What one answer may hold at most, asked or not: no answer grows with the vault beyond what a picture shows.
    public const int MaxNodes = 5_000;
    public const int MaxEdges = 20_000;

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
