using Microsoft.EntityFrameworkCore;
using StudyHub.Web.Data;
using StudyHub.Web.Infrastructure;

namespace StudyHub.Web.Features.Graph;

/// Keeps the built graph in memory and builds it again when the content version (ContentCache) has moved: after an
/// import, a correction or a change of a vault's access. There are two graphs: the whole one for members, and one
/// without members-only vaults for everyone else. A reader waits for a new graph only briefly: a large vault's graph
/// takes a minute to build, and meanwhile readers get the one before it.
public sealed class GraphStore : IDisposable
{
    readonly ContentCache _content;
    readonly IHttpContextAccessor _http;
    readonly IDbContextFactory<StudyHubDbContext> _contexts;
    readonly SemaphoreSlim _building = new(1, 1);
    /// Everyone else's graph, then members'.
    readonly BuiltPerVersion<ConceptGraph>[] _graphs;

    public GraphStore(IDbContextFactory<StudyHubDbContext> contexts, ContentCache content, IHttpContextAccessor http, ILogger<GraphStore> logger)
    {
        (_contexts, _content, _http) = (contexts, content, http);
        _graphs = [Graph(members: false), Graph(members: true)];
        BuiltPerVersion<ConceptGraph> Graph(bool members) => new(
            cancellationToken => BuildAsync(members, cancellationToken), logger, "the concept graph", _building);
    }

    /// The graph the current reader may see.
    public async Task<ConceptGraph> GetAsync(CancellationToken cancellationToken = default) =>
        (await GetAsync(waitForFirst: true, cancellationToken))!;

    /// The graph the current reader may see, or null while the first one is still being built: for parts of a page, such
    /// as a note's connections, that the page can do without rather than wait a minute after a start.
    public Task<ConceptGraph?> GetIfBuiltAsync(CancellationToken cancellationToken = default) => GetAsync(waitForFirst: false, cancellationToken);

    async Task<ConceptGraph?> GetAsync(bool waitForFirst, CancellationToken cancellationToken)
    {
        var graphs = _graphs[ReadAccess.Of(_http.HttpContext).Member ? 1 : 0];
        var (graph, fresh) = await graphs.GetAsync(await _content.VersionAsync(cancellationToken), waitForFirst, cancellationToken);
        if (!fresh)
        {
            ReadingCache.DoNotStore(_http.HttpContext);
        }
        return graph;
    }

    public void Dispose() => _building.Dispose();

    async Task<ConceptGraph> BuildAsync(bool members, CancellationToken cancellationToken)
    {
        var graph = await ReadAndBuildAsync(members, cancellationToken);
        // The build's working set of a large vault is several times the graph, and the GC keeps what it once took unless
        // told otherwise. It is collected once the build's inputs (every note's front matter, every link) are out of reach:
        // not inside the method that read them, nor in this continuation, which runs on that method's stack before it
        // lets go of them; hence the yield. Collected earlier, a 100,000-note site kept 745 MB for a 97 MB graph.
        await Task.Yield();
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        return graph;
    }

    async Task<ConceptGraph> ReadAndBuildAsync(bool members, CancellationToken cancellationToken)
    {
        // Built for an audience, not for whoever happens to ask first: members, or everyone else (a share link opens one
        // note, it does not add it to the graph).
        await using var db = (await _contexts.CreateDbContextAsync(cancellationToken)).ReadingAs(new ReadAccess(members, null)).ForBatchWork();
        var notes = await db.Notes
            .Select(n => new GraphNote(n.Slug, n.Address, n.Title, n.Path, n.Vault.Name, n.Tags, n.Aliases, n.Kind, n.FrontMatter))
            .ToListAsync(cancellationToken);
        var links = await (
            from link in db.NoteLinks
            join source in db.Notes on link.NoteId equals source.Id
            where !link.IsAttachment && link.TargetText != ""
            from target in db.Notes.Where(t => t.Id == link.TargetNoteId).DefaultIfEmpty()
            select new GraphLink(source.Slug, target != null ? target.Slug : link.TargetSlug, link.TargetText, link.IsEmbed, link.Section))
            .ToListAsync(cancellationToken);
        var corrections = await db.ConceptCorrections.ToListAsync(cancellationToken);
        // The proses stream from the database while the builder reads them (on this background build's thread).
        var proses = db.Notes.OrderBy(n => n.Id).Select(n => new NoteProse(n.Slug, n.Prose)).AsEnumerable();
        return GraphBuilder.Build(new GraphInput(notes, links,
            corrections.Select(c => new GraphCorrection(c.Slug, NodeKinds.Parse(c.Kind), c.Aliases)).ToList(), proses));
    }
}
