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

/// The built graph, immutable once built, with the look-ups that views and the API need. An edge is kept as its ends'
/// positions, its kind's number and its weight, and becomes a GraphEdge only when asked for: at 100,000 notes a record and
/// two slug strings for each of 1.79 million edges were most of the app's memory.
public sealed class ConceptGraph
{
    readonly record struct Edge(int Source, int Target, int Kind, int Weight);

    readonly Dictionary<string, int> _indexById;
    readonly Edge[] _edges;
    /// Each edge kind once, where an edge's Kind points.
    readonly string[] _edgeKinds;
    /// The edges that touch node i are _incident[_firstIncident[i] .. _firstIncident[i + 1]].
    readonly int[] _firstIncident;
    readonly int[] _incident;
    int[]? _byStrength;
    List<GraphNode>? _byConnections;
    List<GraphNode>? _concepts;
    List<(NodeKind Kind, int Count)>? _kinds;
    List<string>? _tags;

    public ConceptGraph(IReadOnlyList<GraphNode> nodes, IReadOnlyList<GraphEdge> edges) : this(nodes, Compact(nodes, edges)) { }

    ConceptGraph(IReadOnlyList<GraphNode> nodes, (Dictionary<string, int> IndexById, Edge[] Edges, string[] Kinds) compact)
    {
        Nodes = nodes;
        (_indexById, _edges, _edgeKinds) = compact;
        Edges = new EdgeList(this);
        _firstIncident = new int[nodes.Count + 1];
        foreach (var edge in _edges)
        {
            _firstIncident[edge.Source + 1]++;
            if (edge.Source != edge.Target)
            {
                _firstIncident[edge.Target + 1]++;
            }
        }
        for (var i = 0; i < nodes.Count; i++)
        {
            _firstIncident[i + 1] += _firstIncident[i];
        }
        _incident = new int[_firstIncident[nodes.Count]];
        var next = _firstIncident[..^1];
        for (var e = 0; e < _edges.Length; e++)
        {
            _incident[next[_edges[e].Source]++] = e;
            if (_edges[e].Source != _edges[e].Target)
            {
                _incident[next[_edges[e].Target]++] = e;
            }
        }
    }

    static (Dictionary<string, int>, Edge[], string[]) Compact(IReadOnlyList<GraphNode> nodes, IReadOnlyList<GraphEdge> edges)
    {
        var indexById = IndexById(nodes);
        var kinds = new List<string>();
        var kindNumbers = new Dictionary<string, int>(StringComparer.Ordinal);
        var compact = new Edge[edges.Count];
        for (var e = 0; e < edges.Count; e++)
        {
            var edge = edges[e];
            if (!kindNumbers.TryGetValue(edge.Kind, out var kind))
            {
                kindNumbers[edge.Kind] = kind = kinds.Count;
                kinds.Add(edge.Kind);
            }
            compact[e] = new Edge(indexById[edge.Source], indexById[edge.Target], kind, edge.Weight);
        }
        return (indexById, compact, [.. kinds]);
    }

    static Dictionary<string, int> IndexById(IReadOnlyList<GraphNode> nodes)
    {
        var indexById = new Dictionary<string, int>(nodes.Count, StringComparer.Ordinal);
        for (var i = 0; i < nodes.Count; i++)
        {
            indexById[nodes[i].Id] = i;
        }
        return indexById;
    }

    public static ConceptGraph Empty { get; } = new([], []);

    public IReadOnlyList<GraphNode> Nodes { get; }

    /// Every edge, made as it is read.
    public IReadOnlyList<GraphEdge> Edges { get; }

    public GraphNode? Find(string id) => _indexById.TryGetValue(id, out var index) ? Nodes[index] : null;

    /// Every edge that touches a node.
    public IEnumerable<GraphEdge> EdgesOf(string id) =>
        _indexById.TryGetValue(id, out var index) ? IncidentTo(index).Select(EdgeAt) : [];

    /// At most count edges, the strongest kinds first and the heavier first within a kind.
    public IReadOnlyList<GraphEdge> StrongestEdges(int count)
    {
        if (_edges.Length <= count)
        {
            return Edges;
        }
        // The stored graph is asked again on every view of /graph; two threads racing both sort, which is harmless.
        _byStrength ??= [.. Enumerable.Range(0, _edges.Length)
            .OrderBy(e => EdgeKinds.Rank(_edgeKinds[_edges[e].Kind])).ThenByDescending(e => _edges[e].Weight)];
        return [.. _byStrength.Take(count).Select(EdgeAt)];
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
            foreach (var e in IncidentTo(node))
            {
                // An edge is listed by both its ends: take it once, from its source.
                if (_edges[e].Source == node && kept[_edges[e].Target])
                {
                    edges.Add(e);
                }
            }
        }
        nodes.Sort();
        edges.Sort();
        return Part(nodes, edges);
    }

    /// The nodes within depth steps of the center (the center included), following every edge in either direction.
    public HashSet<string> Around(string center, int depth, bool followMentions = true)
    {
        var reached = new HashSet<string>(StringComparer.Ordinal);
        if (!_indexById.TryGetValue(center, out var start))
        {
            return reached;
        }
        reached.Add(center);
        var frontier = new List<int> { start };
        for (var step = 0; step < depth && frontier.Count > 0; step++)
        {
            var next = new List<int>();
            foreach (var node in frontier)
            {
                foreach (var e in IncidentTo(node))
                {
                    var edge = _edges[e];
                    if (!followMentions && _edgeKinds[edge.Kind] == EdgeKinds.UnlinkedMention)
                    {
                        continue;
                    }
                    var other = edge.Source == node ? edge.Target : edge.Source;
                    if (reached.Add(Nodes[other].Id))
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
        var kept = new bool[Nodes.Count];
        var nodes = new List<int>();
        for (var i = 0; i < Nodes.Count; i++)
        {
            if (kept[i] = keepNode(Nodes[i]))
            {
                nodes.Add(i);
            }
        }
        var edges = new List<int>();
        for (var e = 0; e < _edges.Length; e++)
        {
            if (kept[_edges[e].Source] && kept[_edges[e].Target] && (keepEdge is null || keepEdge(EdgeAt(e))))
            {
                edges.Add(e);
            }
        }
        return Part(nodes, edges);
    }

    ArraySegment<int> IncidentTo(int node) => new(_incident, _firstIncident[node], _firstIncident[node + 1] - _firstIncident[node]);

    GraphEdge EdgeAt(int e) => new(Nodes[_edges[e].Source].Id, Nodes[_edges[e].Target].Id, _edgeKinds[_edges[e].Kind], _edges[e].Weight);

    /// The given nodes and edges, both by position in this graph and in its order, as a graph of their own.
    ConceptGraph Part(List<int> nodes, List<int> edges)
    {
        var position = new Dictionary<int, int>(nodes.Count);
        var kept = new GraphNode[nodes.Count];
        for (var i = 0; i < nodes.Count; i++)
        {
            position[nodes[i]] = i;
            kept[i] = Nodes[nodes[i]];
        }
        var keptEdges = edges.Select(e => _edges[e] with { Source = position[_edges[e].Source], Target = position[_edges[e].Target] }).ToArray();
        return new ConceptGraph(kept, (IndexById(kept), keptEdges, _edgeKinds));
    }

    sealed class EdgeList(ConceptGraph graph) : IReadOnlyList<GraphEdge>
    {
        public int Count => graph._edges.Length;

        public GraphEdge this[int index] => graph.EdgeAt(index);

        public IEnumerator<GraphEdge> GetEnumerator()
        {
            for (var e = 0; e < Count; e++)
            {
                yield return graph.EdgeAt(e);
            }
        }

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
