using Microsoft.EntityFrameworkCore;
using StudyHub.Web.Data;
using StudyHub.Web.Features.Import;

namespace StudyHub.Web.Features.Graph;

/// Keeps the built graph in memory and builds it again when an import has finished or a correction was made
/// since. Pages read it on every view, so the question "anything new?" goes to the database at most every two
/// seconds (imports through ImportVersion, corrections here); changes made in this process are seen at once.
/// There are two graphs: the whole one for members, and one without members-only vaults for everyone else.
public sealed class GraphStore(IDbContextFactory<StudyHubDbContext> contexts, ImportVersion imports, TimeProvider clock, IHttpContextAccessor http)
    : IDisposable
{
    static readonly TimeSpan Freshness = TimeSpan.FromSeconds(2);

    sealed record Version(string Imports, int Corrections, DateTimeOffset? LastCorrection)
    {
        public override string ToString() => $"{Imports}-{Corrections}-{LastCorrection?.UtcTicks}";
    }

    sealed record Built(Version Version, ConceptGraph Graph);

    readonly SemaphoreSlim _building = new(1, 1);
    readonly Built?[] _current = new Built?[2];

    /// The graph the current reader may see.
    public async Task<ConceptGraph> GetAsync(CancellationToken cancellationToken = default)
    {
        var members = ReadAccess.Of(http.HttpContext).Member;
        var slot = members ? 1 : 0;
        var version = await CurrentVersionAsync(cancellationToken);
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

    /// Changes when an import has finished or a concept was corrected, in any process: pages that show the graph
    /// are cached under it.
    public async ValueTask<string> VersionAsync(CancellationToken cancellationToken = default) =>
        (await CurrentVersionAsync(cancellationToken)).ToString();

    public void Dispose() => _building.Dispose();

    /// After a correction in this process the next read looks again at once.
    public void Forget() => _correctionsReadAt = DateTimeOffset.MinValue;

    (int Count, DateTimeOffset? Last) _corrections;
    DateTimeOffset _correctionsReadAt = DateTimeOffset.MinValue;

    async Task<Version> CurrentVersionAsync(CancellationToken cancellationToken)
    {
        if (clock.GetUtcNow() - _correctionsReadAt >= Freshness)
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            _corrections = (await db.ConceptCorrections.CountAsync(cancellationToken),
                await db.ConceptCorrections.MaxAsync(c => (DateTimeOffset?)c.UpdatedAt, cancellationToken));
            _correctionsReadAt = clock.GetUtcNow();
        }
        return new Version(await imports.GetAsync(cancellationToken), _corrections.Count, _corrections.Last);
    }

    async Task<GraphInput> LoadAsync(bool members, CancellationToken cancellationToken)
    {
        // Built for an audience, not for whoever happens to ask first: members, or everyone else (a share link opens one
        // note, it does not add it to the graph).
        await using var db = (await contexts.CreateDbContextAsync(cancellationToken)).ReadingAs(new ReadAccess(members, null));
        var notes = await db.Notes
            .Select(n => new GraphNote(n.Slug, n.Address, n.Title, n.Path, n.Vault.Name, n.Tags, n.Aliases, n.FrontMatter, n.Html))
            .ToListAsync(cancellationToken);
        var links = await (
            from link in db.NoteLinks
            join source in db.Notes on link.NoteId equals source.Id
            where !link.IsAttachment && link.TargetText != ""
            from target in db.Notes.Where(t => t.Id == link.TargetNoteId).DefaultIfEmpty()
            select new GraphLink(source.Slug, target != null ? target.Slug : link.TargetSlug, link.TargetText, link.IsEmbed))
            .ToListAsync(cancellationToken);
        var corrections = await db.ConceptCorrections.ToListAsync(cancellationToken);
        return new GraphInput(notes, links,
            corrections.Select(c => new GraphCorrection(c.Slug, NodeKinds.Parse(c.Kind), c.Aliases)).ToList());
    }
}
