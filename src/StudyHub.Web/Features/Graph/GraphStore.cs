using Microsoft.EntityFrameworkCore;
using StudyHub.Web.Data;
using StudyHub.Web.Infrastructure;

namespace StudyHub.Web.Features.Graph;

/// Keeps the built graph in memory and builds it again when the content version (ContentCache) has moved: after an
/// import, a correction or a change of a vault's access. There are two graphs: the whole one for members, and one
/// without members-only vaults for everyone else. A reader waits for a new graph only briefly: a large vault's graph
/// takes a minute to build, and meanwhile readers get the one before it.
public sealed class GraphStore(IDbContextFactory<StudyHubDbContext> contexts, ContentCache content, IHttpContextAccessor http, ILogger<GraphStore> logger)
    : IDisposable
{
    sealed record Built(string Version, ConceptGraph Graph);

    /// How long a reader waits for the new graph when there is an older one to show instead.
    static readonly TimeSpan FreshWait = TimeSpan.FromSeconds(2);

    readonly Lock _starting = new();
    readonly SemaphoreSlim _building = new(1, 1);
    readonly Built?[] _current = new Built?[2];
    readonly (string Version, Task<ConceptGraph> Task)?[] _builds = new (string, Task<ConceptGraph>)?[2];

    /// The graph the current reader may see.
    public async Task<ConceptGraph> GetAsync(CancellationToken cancellationToken = default) =>
        (await GetAsync(waitForFirst: true, cancellationToken))!;

    /// The graph the current reader may see, or null while the first one is still being built: for parts of a page, such
    /// as a note's connections, that the page can do without rather than wait a minute after a start.
    public Task<ConceptGraph?> GetIfBuiltAsync(CancellationToken cancellationToken = default) => GetAsync(waitForFirst: false, cancellationToken);

    async Task<ConceptGraph?> GetAsync(bool waitForFirst, CancellationToken cancellationToken)
    {
        var members = ReadAccess.Of(http.HttpContext).Member;
        var slot = members ? 1 : 0;
        var version = await content.VersionAsync(cancellationToken);
        var current = Volatile.Read(ref _current[slot]);
        if (current is not null && current.Version == version)
        {
            return current.Graph;
        }
        var build = Build(slot, version);
        if (current is null && waitForFirst)
        {
            return await build.WaitAsync(cancellationToken);
        }
        await Task.WhenAny(build, Task.Delay(FreshWait, cancellationToken));
        if (build.IsCompletedSuccessfully)
        {
            return build.Result;
        }
        ReadingCache.DoNotStore(http.HttpContext);
        return current?.Graph;
    }

    public void Dispose() => _building.Dispose();

    /// The build of this version's graph: the one under way, or a new one. It runs to its end whoever stops waiting.
    Task<ConceptGraph> Build(int slot, string version)
    {
        lock (_starting)
        {
            if (_builds[slot] is { } running && running.Version == version && !running.Task.IsFaulted && !running.Task.IsCanceled)
            {
                return running.Task;
            }
            var task = Task.Run(async () =>
            {
                // One build at a time: two graphs of a large vault in memory at once would double the peak.
                await _building.WaitAsync();
                try
                {
                    var graph = GraphBuilder.Build(await LoadAsync(members: slot == 1, CancellationToken.None));
                    Volatile.Write(ref _current[slot], new Built(version, graph));
                    return graph;
                }
                catch (Exception exception)
                {
                    logger.LogWarning(exception, "Building the concept graph failed; the next request tries again.");
                    throw;
                }
                finally
                {
                    _building.Release();
                }
            });
            _builds[slot] = (version, task);
            return task;
        }
    }

    async Task<GraphInput> LoadAsync(bool members, CancellationToken cancellationToken)
    {
        // Built for an audience, not for whoever happens to ask first: members, or everyone else (a share link opens one
        // note, it does not add it to the graph).
        await using var db = (await contexts.CreateDbContextAsync(cancellationToken)).ReadingAs(new ReadAccess(members, null)).ForBatchWork();
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
