using StudyHub.Markdown;
using StudyHub.Web.Features.Concepts;
using StudyHub.Web.Features.Notes;

namespace StudyHub.Web.Features.Graph;

/// Builds the concept graph from notes, their links and editors' corrections: every note and every
/// not-yet-written link target is a node; edges are links, typed relations from front matter, co-mentions
/// within a lecture section, and unlinked plain-text mentions.
public static class GraphBuilder
{
    sealed class Draft(string id, string label, string vault, bool written, IReadOnlyList<string> tags)
    {
        public string Id { get; } = id;
        public string Label { get; set; } = label;
        public string Vault { get; } = vault;
        public bool Written { get; } = written;
        public IReadOnlyList<string> Tags { get; } = tags;
        public NodeKind Kind { get; set; } = NodeKind.Unclassified;
        public NodeKind? ImpliedKind { get; set; }
        public List<string> Names { get; } = [label];
        public int Degree { get; set; }
    }

    public static ConceptGraph Build(GraphInput input)
    {
        var nodes = new Dictionary<string, Draft>(StringComparer.Ordinal);
        var edges = new Dictionary<(string Source, string Target, string Kind), int>();
        void AddEdge(string source, string target, string kind, int weight = 1)
        {
            if (source != target)
            {
                edges[(source, target, kind)] = edges.GetValueOrDefault((source, target, kind)) + weight;
            }
        }
        Draft Concept(string slug, string label, string vault) =>
            nodes.TryGetValue(slug, out var node) ? node : nodes[slug] = new Draft(slug, label, Shared(vault), written: false, tags: []);
        // Each note read from the database brings its own copy of its vault's name and its tags; the graph keeps one of each.
        var texts = new HashSet<string>(StringComparer.Ordinal);
        string Shared(string text)
        {
            if (!texts.TryGetValue(text, out var kept))
            {
                texts.Add(kept = text);
            }
            return kept;
        }

        var notes = input.Notes.ToDictionary(n => n.Slug, StringComparer.Ordinal);
        var fields = new Dictionary<string, NoteFields>(StringComparer.Ordinal);
        foreach (var note in input.Notes)
        {
            var draft = nodes[note.Slug] = new Draft(note.Slug, note.Title, Shared(note.Vault), written: true, note.Tags.Select(Shared).ToArray());
            draft.Names.AddRange(note.Aliases);
            fields[note.Slug] = NoteFields.Read(note.FrontMatter);
        }

        // A concept is named after what notes write most often: [[Transformer]] over [[transformer]].
        foreach (var group in input.Links.Where(l => l.TargetText.Length > 0).GroupBy(l => l.Target, StringComparer.Ordinal))
        {
            var label = group.GroupBy(l => l.TargetText).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).First().Key;
            var vault = notes.TryGetValue(group.First().Source, out var source) ? source.Vault : "";
            Concept(group.Key, label, vault);
            foreach (var link in group.Where(l => nodes.ContainsKey(l.Source)))
            {
                AddEdge(link.Source, link.Target, EdgeKinds.Link);
            }
        }

        foreach (var vault in input.Notes.GroupBy(n => n.Vault))
        {
            var index = new VaultLinkIndex(vault.Select(n => n.Path), vault.ToDictionary(n => n.Path, n => n.Aliases));
            // Paths that differ only in case are both in a vault; links pick the first by path, as the import's do.
            var slugByPath = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (var note in vault.OrderBy(n => n.Path, StringComparer.Ordinal))
            {
                slugByPath.TryAdd(note.Path, note.Slug);
            }
            foreach (var note in vault)
            {
                foreach (var (field, target) in fields[note.Slug].Relations)
                {
                    var slug = index.ResolveNote(target) is { } path && slugByPath.TryGetValue(path, out var found) ? found : Slug.From(target);
                    var node = Concept(slug, target, vault.Key);
                    node.ImpliedKind ??= NoteFields.KindImpliedBy(field);
                    AddEdge(note.Slug, slug, EdgeKinds.Relation(field));
                }
            }
        }

        foreach (var correction in input.Corrections)
        {
            if (nodes.TryGetValue(correction.Slug, out var node))
            {
                node.Names.AddRange(correction.Aliases);
            }
        }
        var corrections = input.Corrections.ToDictionary(c => c.Slug, StringComparer.Ordinal);
        foreach (var node in nodes.Values)
        {
            node.Kind = corrections.GetValueOrDefault(node.Id)?.Kind
                ?? (node.Written ? NodeKinds.Parse(notes[node.Id].Kind) ?? NodeKind.Unclassified : node.ImpliedKind ?? NodeKind.Unclassified);
        }

        var lectures = input.Notes.Where(n => nodes[n.Slug].Kind == NodeKind.Lecture).Select(n => n.Slug).ToHashSet(StringComparer.Ordinal);
        // A missing note's embed is a placeholder on the page, not a mention.
        var written = input.Links.Where(l => l.Section is not null && lectures.Contains(l.Source) && (!l.IsEmbed || notes.ContainsKey(l.Target)));
        foreach (var lecture in written.GroupBy(l => l.Source, StringComparer.Ordinal))
        {
            foreach (var section in lecture.GroupBy(l => l.Section))
            {
                var linked = section.Select(l => l.Target).Distinct(StringComparer.Ordinal)
                    .Where(s => s != lecture.Key && nodes.ContainsKey(s)).Order(StringComparer.Ordinal).ToList();
                for (var a = 0; a < linked.Count; a++)
                {
                    for (var b = a + 1; b < linked.Count; b++)
                    {
                        AddEdge(linked[a], linked[b], EdgeKinds.CoMention);
                    }
                }
            }
        }

        // Mentions stay within a vault: the same name in two vaults usually means two different things.
        var finders = nodes.Values.GroupBy(n => n.Vault)
            .ToDictionary(v => v.Key, v => new MentionFinder(v.SelectMany(n => n.Names.Select(name => (n.Id, name)))));
        var mentions = input.Proses.Where(p => notes.ContainsKey(p.Slug)).AsParallel().AsOrdered()
            .Select(p => (p.Slug, Found: finders[notes[p.Slug].Vault].Find(p.Prose)));
        foreach (var (slug, found) in mentions)
        {
            foreach (var (mentioned, count) in found)
            {
                AddEdge(slug, mentioned, EdgeKinds.UnlinkedMention, count);
            }
        }

        // Sized up front: a list grown by LINQ leaves its largest buffer in the shared array pool, alive after the build.
        var edgeList = new List<GraphEdge>(edges.Count);
        foreach (var ((source, target, kind), weight) in edges)
        {
            edgeList.Add(new GraphEdge(source, target, kind, weight));
        }
        foreach (var edge in edgeList)
        {
            nodes[edge.Source].Degree++;
            nodes[edge.Target].Degree++;
        }
        var nodeList = nodes.Values
            .Select(n => new GraphNode(n.Id, n.Label, n.Kind, n.Degree, n.Written ? NoteAddress.Href(notes[n.Id].Address) : ConceptAddress.Href(n.Id), n.Vault, n.Written, n.Tags))
            .ToList();
        return new ConceptGraph(nodeList, edgeList);
    }
}
