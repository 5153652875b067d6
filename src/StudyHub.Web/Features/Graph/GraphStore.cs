using Microsoft.EntityFrameworkCore;
using StudyHub.Web.Data;
using StudyHub.Web.Infrastructure;

namespace StudyHub.Web.Features.Graph;

/// Keeps the built graph in memory and builds it again when the content version (ContentCache) has moved: after an
/// import, a correction or a change of a vault's access. There are two graphs: the whole one for members, and one
/// without members-only vaults for everyone else.
public sealed class GraphStore(IDbContextFactory<StudyHubDbContext> contexts, ContentCache content, IHttpContextAccessor http) : IDisposable
{
    sealed record Built(string Version, ConceptGraph Graph);

    readonly SemaphoreSlim _building = new(1, 1);
    readonly Built?[] _current = new Built?[2];

    /// The graph the current reader may see.
    public async Task<ConceptGraph> GetAsync(CancellationToken cancellationToken = default)
    {
        var members = ReadAccess.Of(http.HttpContext).Member;
        var slot = members ? 1 : 0;
        var version = await content.VersionAsync(cancellationToken);
        if (Volatile.Read(ref _current[slot]) is { } current && current.Version == version)
        {
            return current.Graph;
        }
        await _building.WaitAsync(cancellationToken);
        try
        {
            if (Volatile.Read(ref _current[slot]) is { } built && built.Version == version)
            {
                return built.Graph;
            }
            var graph = GraphBuilder.Build(await LoadAsync(members, cancellationToken));
            Volatile.Write(ref _current[slot], new Built(version, graph));
            return graph;
        }
        finally
        {
            _building.Release();
        }
    }

    public void Dispose() => _building.Dispose();

    async Task<GraphInput> LoadAsync(bool members, CancellationToken cancellationToken)
    {
        // Built for an audience, not for whoever happens to ask first: members, or everyone else (a share link opens one
        // note, it does not add it to the graph).
        await using var db = (await contexts.CreateDbContextAsync(cancellationToken)).ReadingAs(new ReadAccess(members, null));
        var notes = await db.Notes
            .Select(n => new GraphNote(n.Slug, n.Address, n.Title, n.Path, n.Vault.Name, n.Tags, n.Aliases, n.Kind, n.FrontMatter, n.Prose))
            .ToListAsync(cancellationToken);
        var links = await (
            from link in db.NoteLinks
            join source in db.Notes on link.NoteId equals source.Id
            where !link.IsAttachment && link.TargetText != ""
            from target in db.Notes.Where(t => t.Id == link.TargetNoteId).DefaultIfEmpty()
            select new GraphLink(source.Slug, target != null ? target.Slug : link.TargetSlug, link.TargetText, link.IsEmbed, link.Section))
            .ToListAsync(cancellationToken);
        var corrections = await db.ConceptCorrections.ToListAsync(cancellationToken);
        return new GraphInput(notes, links,
            corrections.Select(c => new GraphCorrection(c.Slug, NodeKinds.Parse(c.Kind), c.Aliases)).ToList());
    }
}
