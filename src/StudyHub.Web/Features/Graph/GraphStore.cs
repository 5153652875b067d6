using Microsoft.EntityFrameworkCore;
using StudyHub.Web.Data;

namespace StudyHub.Web.Features.Graph;

/// Keeps the built graph in memory and builds it again when an import has finished or a correction was made
/// since: each read asks the database one small question (how many imports and corrections, and the latest).
public sealed class GraphStore(IDbContextFactory<StudyHubDbContext> contexts) : IDisposable
{
    sealed record Version(int Imports, DateTimeOffset? LastImport, int Corrections, DateTimeOffset? LastCorrection);

    sealed record Built(Version Version, ConceptGraph Graph);

    readonly SemaphoreSlim _building = new(1, 1);
    volatile Built? _current;

    public async Task<ConceptGraph> GetAsync(CancellationToken cancellationToken = default)
    {
        var version = await VersionAsync(cancellationToken);
        if (_current is { } current && current.Version == version)
        {
            return current.Graph;
        }
        await _building.WaitAsync(cancellationToken);
        try
        {
            if (_current is { } built && built.Version == version)
            {
                return built.Graph;
            }
            var graph = GraphBuilder.Build(await LoadAsync(cancellationToken));
            _current = new Built(version, graph);
            return graph;
        }
        finally
        {
            _building.Release();
        }
    }

    public void Dispose() => _building.Dispose();

    async Task<Version> VersionAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var imports = await db.ImportRuns.GroupBy(_ => 1)
            .Select(g => new { Count = g.Count(), Last = g.Max(r => (DateTimeOffset?)r.FinishedAt) })
            .FirstOrDefaultAsync(cancellationToken);
        var corrections = await db.ConceptCorrections.GroupBy(_ => 1)
            .Select(g => new { Count = g.Count(), Last = g.Max(c => (DateTimeOffset?)c.UpdatedAt) })
            .FirstOrDefaultAsync(cancellationToken);
        return new Version(imports?.Count ?? 0, imports?.Last, corrections?.Count ?? 0, corrections?.Last);
    }

    async Task<GraphInput> LoadAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var notes = await db.Notes.Where(n => n.DeletedAt == null)
            .Select(n => new GraphNote(n.Slug, n.Title, n.Path, n.Vault.Name, n.Tags, n.Aliases, n.FrontMatter, n.Html))
            .ToListAsync(cancellationToken);
        var links = await (
            from link in db.NoteLinks
            join source in db.Notes on link.NoteId equals source.Id
            where source.DeletedAt == null && !link.IsAttachment && link.TargetText != ""
            from target in db.Notes.Where(t => t.Id == link.TargetNoteId && t.DeletedAt == null).DefaultIfEmpty()
            select new GraphLink(source.Slug, target != null ? target.Slug : link.TargetSlug, link.TargetText, link.IsEmbed))
            .ToListAsync(cancellationToken);
        var corrections = await db.ConceptCorrections.ToListAsync(cancellationToken);
        return new GraphInput(notes, links,
            corrections.Select(c => new GraphCorrection(c.Slug, NodeKinds.Parse(c.Kind), c.Aliases)).ToList());
    }
}
