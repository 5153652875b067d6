using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using StudyHub.Web.Components;
using StudyHub.Web.Data;
using StudyHub.Web.Features.Import;

namespace StudyHub.Web.Features.Sync;

public sealed class SyncOptions
{
    /// Where git sources are checked out, a folder per source, with the SSH hosts' keys as first seen. In the temp
    /// folder by default, the one place the app writes (deploy/README.md): losing it costs a full clone and a reading
    /// of every file on the next sync, nothing more.
    public string Checkouts { get; set; } = Path.Combine(Path.GetTempPath(), "studyhub-sources");

    /// How often the schedules are looked at and the watched folders re-read, whatever they say.
    public int RescanSeconds { get; set; } = 300;
}

/// What an admin gives for a vault's source; the credential is an HTTPS token or an SSH deploy key.
public sealed record SourceSettings(SourceKind Kind, string Location, string? Branch = null, string? Subfolder = null,
    string? Credential = null, bool Watch = false, int? EveryMinutes = null);

public enum SyncResult
{
    Unchanged,
    Imported,
    Failed,
}

public sealed record SyncOutcome(SyncResult Result, string Message, ImportReport? Report = null);

/// Keeps a vault in step with its source: brings the source up to date, lists its files once, compares them with the
/// manifest of the last sync and, when any file's bytes changed, imports them incrementally: the importer is given every
/// file's hash, reads only the files it does not hold already and renders again only the notes that may change.
public sealed class VaultSync(IDbContextFactory<StudyHubDbContext> contexts, VaultImporter importer, SyncSecrets secrets,
    SyncRequests requests, IOptions<SyncOptions> options, IOptions<ImportLimits> limits, TimeProvider clock, ILogger<VaultSync> logger)
{
    /// The per-vault advisory lock's two keys: "Sync" in ASCII, and four bytes of the vault's id (two vaults that share
    /// them only take turns).
    public static (int Space, int Key) LockOf(Guid vaultId) => (0x5379_6E63, BitConverter.ToInt32(vaultId.ToByteArray(), 12));

    /// Sets (or replaces) the vault's source and syncs it at once, creating the vault if it is new. Returns the webhook
    /// secret, which is shown to the admin this once.
    public async Task<(SyncSource Source, string WebhookSecret, SyncOutcome First)> ConfigureAsync(string vaultName, SourceSettings settings,
        CancellationToken cancellationToken)
    {
        Guid? existing;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            existing = await db.Vaults.Where(v => v.Name == vaultName.Trim()).Select(v => (Guid?)v.Id).SingleOrDefaultAsync(cancellationToken);
        }
        // A new vault has no source to be synced from meanwhile; an existing one may, and its sync is waited for.
        return existing is { } vaultId
            ? await WhileSyncingAsync(vaultId, () => ConfigureHoldingLockAsync(vaultName, settings, cancellationToken), cancellationToken)
            : await ConfigureHoldingLockAsync(vaultName, settings, cancellationToken);
    }

    async Task<(SyncSource Source, string WebhookSecret, SyncOutcome First)> ConfigureHoldingLockAsync(string vaultName, SourceSettings settings,
        CancellationToken cancellationToken)
    {
        var webhookSecret = SyncSecrets.NewWebhookSecret();
        var source = new SyncSource
        {
            Kind = settings.Kind,
            Location = settings.Kind == SourceKind.Folder ? Path.GetFullPath(settings.Location) : settings.Location.Trim(),
            Branch = string.IsNullOrWhiteSpace(settings.Branch) ? null : settings.Branch.Trim(),
            Subfolder = string.IsNullOrWhiteSpace(settings.Subfolder) ? null : settings.Subfolder.Trim().Trim('/'),
            Watch = settings.Watch && settings.Kind == SourceKind.Folder,
            EveryMinutes = settings.EveryMinutes is > 0 ? settings.EveryMinutes : null,
            ProtectedCredential = string.IsNullOrWhiteSpace(settings.Credential) ? null : secrets.Protect(settings.Credential),
            ProtectedWebhookSecret = secrets.Protect(webhookSecret),
        };
        var started = clock.GetUtcNow();
        var (root, commit) = await BringUpToDateAsync(source, settings.Credential, cancellationToken);
        using var files = VaultSource.OpenFolder(root, limits.Value);
        var scanned = Manifest.Compare(files, new Dictionary<string, ManifestEntry>()).Added;
        var report = await importer.ImportAsync(files, vaultName, $"sync from {source.Describe()}", cancellationToken);

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        source.VaultId = await db.Vaults.Where(v => v.Name == vaultName.Trim()).Select(v => v.Id).SingleAsync(cancellationToken);
        await db.SyncSources.Where(s => s.VaultId == source.VaultId).ExecuteDeleteAsync(cancellationToken);
        Record(source, report, commit, started);
        db.SyncSources.Add(source);
        db.SyncManifest.AddRange(scanned.Select(f => Entry(source.Id, f)));
        await db.SaveChangesAsync(cancellationToken);
        requests.NoticeSourcesChanged();
        return (source, webhookSecret, new SyncOutcome(SyncResult.Imported, source.LastChange!, report));
    }

    /// Syncs the vault's source, one sync per vault at a time across every instance (a PostgreSQL advisory lock, held
    /// on a connection of its own while the sync runs). A sync that finds no file changed writes nothing at all.
    public Task<SyncOutcome> SyncAsync(Guid vaultId, string trigger, CancellationToken cancellationToken) =>
        WhileSyncingAsync(vaultId, () => SyncHoldingLockAsync(vaultId, trigger, cancellationToken), cancellationToken);

    async Task<T> WhileSyncingAsync<T>(Guid vaultId, Func<Task<T>> work, CancellationToken cancellationToken)
    {
        await using var held = (await contexts.CreateDbContextAsync(cancellationToken)).ForBatchWork();
        await held.Database.OpenConnectionAsync(cancellationToken);
        var (space, key) = LockOf(vaultId);
        await held.Database.ExecuteSqlAsync($"SELECT pg_advisory_lock({space}, {key})", cancellationToken);
        try
        {
            return await work();
        }
        finally
        {
            await held.Database.ExecuteSqlAsync($"SELECT pg_advisory_unlock({space}, {key})", CancellationToken.None);
        }
    }

    async Task<SyncOutcome> SyncHoldingLockAsync(Guid vaultId, string trigger, CancellationToken cancellationToken)
    {
        await using var db = (await contexts.CreateDbContextAsync(cancellationToken)).ForBatchWork();
        var source = await db.SyncSources.SingleOrDefaultAsync(s => s.VaultId == vaultId, cancellationToken);
        if (source is null)
        {
            return new SyncOutcome(SyncResult.Failed, "The vault has no source to sync from.");
        }
        var started = clock.GetUtcNow();
        try
        {
            var credential = source.ProtectedCredential is null ? null : secrets.Unprotect(source.ProtectedCredential);
            var (root, commit) = await BringUpToDateAsync(source, credential, cancellationToken);
            using var files = VaultSource.OpenFolder(root, limits.Value);
            // Untracked: of a large vault's entries a sync changes a few, and tracking them all took longer than the rest of a sync.
            var recorded = await db.SyncManifest.AsNoTracking().Where(e => e.SourceId == source.Id)
                .ToDictionaryAsync(e => e.Path, StringComparer.Ordinal, cancellationToken);
            var difference = Manifest.Compare(files, recorded);
            if (!difference.Any)
            {
                if (source.LastError is not null)
                {
                    source.LastError = null;
                    source.LastErrorAt = null;
                    await db.SaveChangesAsync(cancellationToken);
                }
                return new SyncOutcome(SyncResult.Unchanged, "Nothing changed.");
            }
            ImportReport? report = null;
            if (difference.ContentChanged)
            {
                var vaultName = await db.Vaults.Where(v => v.Id == vaultId).Select(v => v.Name).SingleAsync(cancellationToken);
                report = await importer.ImportAsync(files, vaultName, $"sync ({trigger}) from {source.Describe()}", cancellationToken,
                    HashesNow(recorded, difference));
                Record(source, report, commit, started);
                var rendered = report.FullImportBecause is { } why ? $"a full import, since {why}" : Counted.List((report.NotesRendered, "note", "rendered"));
                source.LastChange = $"{difference}: {source.LastChange}{(rendered is null ? "" : $" ({rendered})")}";
            }
            db.SyncManifest.AddRange(difference.Added.Select(f => Entry(source.Id, f)));
            foreach (var file in difference.Changed.Concat(difference.Touched))
            {
                var entry = recorded[file.Path];
                db.SyncManifest.Attach(entry);
                (entry.Size, entry.ModifiedTicks, entry.Hash) = (file.Size, file.ModifiedTicks, file.Hash);
            }
            db.SyncManifest.RemoveRange(difference.Removed.Select(path => recorded[path]));
            await db.SaveChangesAsync(cancellationToken);
            return report is null
                ? new SyncOutcome(SyncResult.Unchanged, "Files were touched, none changed.")
                : new SyncOutcome(SyncResult.Imported, source.LastChange!, report);
        }
        catch (Exception failure) when (failure is SourceUnavailableException or VaultRejectedException or DirectoryNotFoundException)
        {
            logger.LogWarning("The sync of {Source} failed: {Problem}", source.Describe(), failure.Message);
            source.LastError = failure.Message;
            source.LastErrorAt = started;
            await db.SaveChangesAsync(CancellationToken.None);
            return new SyncOutcome(SyncResult.Failed, failure.Message);
        }
    }

    /// The folder to import, after pulling a git source, and the commit it holds.
    async Task<(string Root, string? Commit)> BringUpToDateAsync(SyncSource source, string? credential, CancellationToken cancellationToken)
    {
        if (source.Kind == SourceKind.Folder)
        {
            return Directory.Exists(source.Location)
                ? (source.Location, null)
                : throw new SourceUnavailableException($"No folder at {source.Location}.");
        }
        var checkout = Path.Combine(Path.GetFullPath(options.Value.Checkouts), source.Id.ToString());
        var commit = await GitCheckout.UpdateAsync(source, credential, checkout, cancellationToken);
        var root = source.Subfolder is null ? checkout : Path.GetFullPath(Path.Combine(checkout, source.Subfolder));
        if (!root.StartsWith(checkout + Path.DirectorySeparatorChar, StringComparison.Ordinal) && root != checkout)
        {
            throw new SourceUnavailableException($"The folder {source.Subfolder} is outside the repository.");
        }
        return Directory.Exists(root) ? (root, commit) : throw new SourceUnavailableException($"The repository has no folder {source.Subfolder} at {commit}.");
    }

    static void Record(SyncSource source, ImportReport report, string? commit, DateTimeOffset started)
    {
        source.LastSyncedAt = started;
        source.LastCommit = commit;
        source.LastRunId = report.RunId;
        source.LastChange = Counted.List((report.NotesAdded, "note", "added"), (report.NotesChanged, "note", "changed"),
            (report.NotesRenamed, "note", "renamed"), (report.NotesRemoved, "note", "removed")) ?? "no note changed";
        source.LastError = null;
        source.LastErrorAt = null;
    }

    /// Every file's SHA-256 as the sync found it, by path: what was recorded, updated with what the comparison hashed.
    static Dictionary<string, string> HashesNow(Dictionary<string, ManifestEntry> recorded, ManifestDifference difference)
    {
        var hashes = recorded.Values.ToDictionary(e => e.Path, e => SourceNotes.Hex(e.Hash), StringComparer.Ordinal);
        foreach (var file in difference.Added.Concat(difference.Changed))
        {
            hashes[file.Path] = SourceNotes.Hex(file.Hash);
        }
        foreach (var path in difference.Removed)
        {
            hashes.Remove(path);
        }
        return hashes;
    }

    static ManifestEntry Entry(Guid sourceId, ScannedFile file) =>
        new() { SourceId = sourceId, Path = file.Path, Size = file.Size, ModifiedTicks = file.ModifiedTicks, Hash = file.Hash };
}
