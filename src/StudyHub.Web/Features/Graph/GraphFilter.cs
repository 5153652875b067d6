namespace StudyHub.Web.Features.Graph;

/// Which part of the graph a view or an API call wants: the neighbourhood of a center, some kinds, a vault or a tag.
/// The center always stays, whatever the other filters say.
public sealed record GraphFilter(
    string? Center = null, int Depth = 1, IReadOnlySet<NodeKind>? Kinds = null, string? Vault = null, string? Tag = null,
    bool WithMentions = true, bool WithOrphans = true)
{
    public const int DeepestDepth = 3;

    public ConceptGraph Apply(ConceptGraph graph)
    {
        if (Center is null && (Kinds is null || Kinds.Count == 0) && Vault is null && Tag is null && WithMentions && WithOrphans)
        {
            return graph;
        }
        var around = Center is null ? null : graph.Around(Center, Math.Clamp(Depth, 1, DeepestDepth), WithMentions);
        var selected = (around is null ? graph : graph.Among(around)).Where(
            node => node.Id == Center || ((Kinds is null || Kinds.Count == 0 || Kinds.Contains(node.Kind))
                && (Vault is null || string.Equals(node.Vault, Vault, StringComparison.OrdinalIgnoreCase))
                && (Tag is null || node.Tags.Contains(Tag, StringComparer.OrdinalIgnoreCase))),
            edge => WithMentions || edge.Kind != EdgeKinds.UnlinkedMention);
        if (WithOrphans)
        {
            return selected;
        }
        var linked = selected.Edges.SelectMany(e => new[] { e.Source, e.Target }).ToHashSet(StringComparer.Ordinal);
        return selected.Where(node => node.Id == Center || linked.Contains(node.Id));
    }
}
