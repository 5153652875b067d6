namespace StudyHub.Web.Features.Graph;

/// A note, or a concept that notes name but nobody has written yet.
public sealed record GraphNode(
    string Id, string Label, NodeKind Kind, int Degree,
    string Url, string Vault, bool Written, IReadOnlyList<string> Tags);

/// Kind is "link", "relation:&lt;name&gt;", "co-mention" or "unlinked-mention"; Weight counts occurrences.
public sealed record GraphEdge(string Source, string Target, string Kind, int Weight);

public static class EdgeKinds
{
    public const string Link = "link";
    public const string CoMention = "co-mention";
    public const string UnlinkedMention = "unlinked-mention";
    public const string RelationPrefix = "relation:";

    public static string Relation(string name) => RelationPrefix + name;

    /// How much an edge of this kind says, strongest first: what authors wrote (relations, links) before what was inferred.
    public static int Rank(string kind) =>
        kind.StartsWith(RelationPrefix, StringComparison.Ordinal) ? 0 : kind switch { Link => 1, CoMention => 2, _ => 3 };
}

/// The built graph, immutable once built, with the look-ups that views and the API need.
public sealed class ConceptGraph
{
    readonly Dictionary<string, int> _indexById;
    readonly List<int>[] _edgesByNode;
    /// Each edge's ends as node positions, so that walking edges needs no lookups by id.
    readonly (int Source, int Target)[] _ends;
    List<GraphEdge>? _byStrength;
    List<GraphNode>? _byConnections;
    List<GraphNode>? _concepts;
    List<(NodeKind Kind, int Count)>? _kinds;
    List<string>? _tags;

    public ConceptGraph(IReadOnlyList<GraphNode> nodes, IReadOnlyList<GraphEdge> edges)
    {
        Nodes = nodes;
        Edges = edges;
        _indexById = new Dictionary<string, int>(nodes.Count, StringComparer.Ordinal);
        for (var i = 0; i < nodes.Count; i++)
        {
            _indexById[nodes[i].Id] = i;
        }
        _edgesByNode = new List<int>[nodes.Count];
        for (var i = 0; i < nodes.Count; i++)
        {
            _edgesByNode[i] = [];
        }
        _ends = new (int, int)[edges.Count];
        for (var e = 0; e < edges.Count; e++)
        {
            var (source, target) = _ends[e] = (_indexById[edges[e].Source], _indexById[edges[e].Target]);
            _edgesByNode[source].Add(e);
            if (source != target)
            {
                _edgesByNode[target].Add(e);
            }
        }
    }

    public static ConceptGraph Empty { get; } = new([], []);

    public IReadOnlyList<GraphNode> Nodes { get; }
    public IReadOnlyList<GraphEdge> Edges { get; }

    public GraphNode? Find(string id) => _indexById.TryGetValue(id, out var index) ? Nodes[index] : null;

    /// Every edge that touches a node.
    public IEnumerable<GraphEdge> EdgesOf(string id) =>
        _indexById.TryGetValue(id, out var index) ? _edgesByNode[index].Select(e => Edges[e]) : [];

    /// At most count edges, the strongest kinds first and the heavier first within a kind.
    public IReadOnlyList<GraphEdge> StrongestEdges(int count)
    {
        if (Edges.Count <= count)
        {
            return Edges;
        }
        // The stored graph is asked again on every view of /graph; two threads racing both sort, which is harmless.
        _byStrength ??= Edges.OrderBy(e => EdgeKinds.Rank(e.Kind)).ThenByDescending(e => e.Weight).ToList();
        return _byStrength.Take(count).ToList();
    }

    /// Every node, most connected first, then by name.
    public IReadOnlyList<GraphNode> ByConnections => _byConnections ??= Nodes
        .OrderByDescending(n => n.Degree).ThenBy(n => n.Label, StringComparer.OrdinalIgnoreCase).ThenBy(n => n.Id, StringComparer.Ordinal)
        .ToList();

    /// Every node but the lectures, most connected first: the order of the concepts index. Lectures have their own lists on
    /// the home and vault pages; the index is about what they talk about.
    public IReadOnlyList<GraphNode> Concepts => _concepts ??= ByConnections.Where(n => n.Kind != NodeKind.Lecture).ToList();

    /// How many nodes there are of each kind, in the kinds' order.
    public IReadOnlyList<(NodeKind Kind, int Count)> Kinds => _kinds ??= [.. Nodes.GroupBy(n => n.Kind).OrderBy(g => g.Key).Select(g => (g.Key, g.Count()))];

    /// Every tag of a node, once whatever its case, in order.
    public IReadOnlyList<string> Tags => _tags ??= [.. Nodes.SelectMany(n => n.Tags).Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.OrdinalIgnoreCase)];

    /// The count most connected nodes and the edges among them; the center, when there is one, takes the last place.
    public ConceptGraph MostConnected(int count, string? center = null)
    {
        if (Nodes.Count <= count)
        {
            return this;
        }
        var kept = ByConnections.Take(count).Select(n => n.Id).ToHashSet(StringComparer.Ordinal);
        if (center is not null && _indexById.ContainsKey(center) && kept.Add(center))
        {
            kept.Remove(ByConnections[count - 1].Id);
        }
        return Among(kept);
    }

    /// The given nodes and the edges among them, in the graph's order, found through the kept nodes' own edges: a part of
    /// a large graph costs what the part holds, not what the graph does. Ids the graph does not have are ignored.
    public ConceptGraph Among(IReadOnlySet<string> ids)
    {
        var kept = new bool[Nodes.Count];
        var nodes = new List<int>(ids.Count);
        foreach (var id in ids)
        {
            if (_indexById.TryGetValue(id, out var index) && !kept[index])
            {
                kept[index] = true;
                nodes.Add(index);
            }
        }
        var edges = new List<int>();
        foreach (var node in nodes)
        {
            foreach (var e in _edgesByNode[node])
            {
                // An edge is listed by both its ends: take it once, from its source.
                if (_ends[e].Source == node && kept[_ends[e].Target])
                {
                    edges.Add(e);
                }
            }
        }
        nodes.Sort();
        edges.Sort();
        return new ConceptGraph([.. nodes.Select(i => Nodes[i])], [.. edges.Select(e => Edges[e])]);
    }

    /// The nodes within depth steps of the center (the center included), following every edge in either direction.
    public HashSet<string> Around(string center, int depth, bool followMentions = true)
    {
        var reached = new HashSet<string>(StringComparer.Ordinal);
        if (!_indexById.ContainsKey(center))
        {
            return reached;
        }
        reached.Add(center);
        var frontier = new List<string> { center };
        for (var step = 0; step < depth && frontier.Count > 0; step++)
        {
            var next = new List<string>();
            foreach (var id in frontier)
            {
                foreach (var edge in EdgesOf(id))
                {
                    if (!followMentions && edge.Kind == EdgeKinds.UnlinkedMention)
                    {
                        continue;
                    }
                    var other = edge.Source == id ? edge.Target : edge.Source;
                    if (reached.Add(other))
                    {
                        next.Add(other);
                    }
                }
            }
            frontier = next;
        }
        return reached;
    }

    /// The nodes a filter keeps and the edges between them.
    public ConceptGraph Where(Func<GraphNode, bool> keepNode, Func<GraphEdge, bool>? keepEdge = null)
    {
        var nodes = Nodes.Where(keepNode).ToList();
        var kept = nodes.Select(n => n.Id).ToHashSet(StringComparer.Ordinal);
        var edges = Edges.Where(e => kept.Contains(e.Source) && kept.Contains(e.Target) && (keepEdge is null || keepEdge(e))).ToList();
        return new ConceptGraph(nodes, edges);
    }
}
