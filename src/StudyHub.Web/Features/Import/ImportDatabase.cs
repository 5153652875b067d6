using Microsoft.EntityFrameworkCore;
using StudyHub.Web.Data;
using StudyHub.Web.Features.Notes;
using StudyHub.Web.Features.Search;
using StudyHub.Web.Features.Tags;

namespace StudyHub.Web.Features.Import;

/// What an import asks of PostgreSQL beyond its rows: to be the only one, to compress fast, to load links in bulk when
/// that is cheaper, and to plan the next queries with the tables' new sizes.
public static class ImportDatabase
{
    /// The key of the advisory lock that imports take: "StudyHub" in ASCII (the migrations' is DatabaseMigrator.MigrationLock).
    public const long ImportLock = 0x5374_7564_7948_7562;

    /// Takes the imports' lock until the transaction ends; deleting a vault takes it too, so as not to delete under an import.
    public static async Task WaitForOtherImportsAsync(StudyHubDbContext db, CancellationToken cancellationToken) =>
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({ImportLock})", cancellationToken);

    /// Notes, their HTML and revisions are large texts that PostgreSQL compresses; lz4 (where the server has it)
    /// compresses several times faster than the default pglz, which a first import of thousands of notes feels.
    public static async Task PreferFastCompressionAsync(StudyHubDbContext db, CancellationToken cancellationToken)
    {
        var lz4 = await db.Database.SqlQuery<bool>(
            $"SELECT EXISTS (SELECT 1 FROM pg_settings WHERE name = 'default_toast_compression' AND 'lz4' = ANY(enumvals)) AS \"Value\"")
            .SingleAsync(cancellationToken);
        if (lz4)
        {
            await db.Database.ExecuteSqlRawAsync("SET LOCAL default_toast_compression = 'lz4'", cancellationToken);
        }
    }

    /// PostgreSQL checks each new link's note and target with a query of its own and adds the link to three indexes,
    /// over a second for a first import of 10,000 notes; when an import brings at least as many links as are stored, they
    /// are loaded in bulk instead (from where they were staged). That locks notes and links against readers for the rest of the import (under a
    /// second for those 10,000 notes), which is why links come last and small imports keep the row-by-row checks.
    /// Revisions and times are not loaded so: they would save a sixth of a second but take the lock on notes earlier,
    /// and one table at a time, where a reader holding links and waiting for notes would deadlock with the import.
    public static async Task AddStagedLinksAsync(StudyHubDbContext db, int count, CancellationToken cancellationToken)
    {
        if (count == 0)
        {
            return;
        }
        Task Move() => BulkInsert.MoveAsync<NoteLink>(db, StagedLinks, "\"StagedOrder\"", cancellationToken);
        if (count >= BulkLinks && !await db.NoteLinks.OrderBy(l => l.Id).Skip(count).AnyAsync(cancellationToken))
        {
            await BulkInsert.BulkLoadAsync<NoteLink>(db, Move, cancellationToken);
        }
        else
        {
            await Move();
        }
    }

    /// Where an import's links wait until all its notes are written, since a link may lead to a note of a later batch:
    /// a table of the transaction's own, with the links' columns and the order they came in.
    public const string StagedLinks = "import_links";

    public static async Task StageLinksAsync(StudyHubDbContext db, CancellationToken cancellationToken)
    {
        var links = db.Model.FindEntityType(typeof(NoteLink))!.GetTableName();
        var create = $"CREATE TEMP TABLE {StagedLinks} ON COMMIT DROP AS SELECT * FROM \"{links}\" WITH NO DATA; "
            + $"ALTER TABLE {StagedLinks} ADD COLUMN \"StagedOrder\" bigint GENERATED ALWAYS AS IDENTITY";
        await db.Database.ExecuteSqlRawAsync(create, cancellationToken);
    }

    /// The switcher names that the notes <paramref name="changed"/> (written, or with their links replaced) may change:
    /// their own, and those of the notes and concepts their links led to as stored or lead to as staged.
    public static async Task<NamesToRecount> NamesChangedByAsync(StudyHubDbContext db, IReadOnlyCollection<Guid> changed, CancellationToken cancellationToken)
    {
        var ids = changed.ToArray();
        var targets = await db.Database.SqlQueryRaw<LinkTarget>($$"""
            SELECT "TargetNoteId", "TargetSlug" FROM "NoteLinks" WHERE "NoteId" = ANY({0})
            UNION SELECT "TargetNoteId", "TargetSlug" FROM {{StagedLinks}} WHERE "NoteId" = ANY({0})
            """, ids).ToListAsync(cancellationToken);
        return new NamesToRecount(
            [.. ids.Concat(targets.Select(t => t.TargetNoteId).OfType<Guid>()).Distinct()],
            [.. targets.Where(t => t.TargetNoteId is null).Select(t => t.TargetSlug).Distinct(StringComparer.Ordinal)]);
    }

    sealed record LinkTarget(Guid? TargetNoteId, string TargetSlug);

    /// Below this many new links, checking them one by one costs less than a few dozen milliseconds.
    public const int BulkLinks = 5_000;

    /// PostgreSQL plans each query by its statistics of the tables, which autovacuum refreshes only a minute or more
    /// after a large change: until then a new vault's pages were planned as if its tables were empty (at 10,000 notes
    /// the graph's links took 37 s to read instead of under one). So an import that changed much of its vault refreshes
    /// those of the tables it fills; a small one leaves it to autovacuum, since ANALYZE samples the whole tables (2.4 s
    /// after a sync of one edited note at 10,000 notes).
    public static async Task RefreshStatisticsAsync(StudyHubDbContext db, CancellationToken cancellationToken)
    {
        Type[] filled = [typeof(Note), typeof(NoteLink), typeof(NoteTimestamp), typeof(NoteRevision), typeof(SwitcherName), typeof(SearchWord), typeof(VaultTag)];
        var analyze = "ANALYZE " + string.Join(", ", filled.Select(t => $"\"{db.Model.FindEntityType(t)!.GetTableName()}\""));
        await db.Database.ExecuteSqlRawAsync(analyze, cancellationToken);
    }

    /// Whether an import that wrote <paramref name="rowsWritten"/> notes and links, to a vault that had
    /// <paramref name="rowsStored"/>, is to refresh the statistics: a first import is, having nothing stored.
    // A tenth, autovacuum's own share (autovacuum_analyze_scale_factor), taken of the vault, never larger than its tables.
    public static bool ChangedEnoughForStatistics(int rowsWritten, int rowsStored) => rowsWritten > 0 && rowsWritten * 10L >= rowsStored;
}
