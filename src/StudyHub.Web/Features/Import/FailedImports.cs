using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using StudyHub.Web.Data;

namespace StudyHub.Web.Features.Import;

/// Where and for how long the zips of failed imports wait for a retry (Import:FailedUploads).
public sealed class FailedUploadOptions
{
    /// With several app instances, a folder they share, as for Attachments:Folder.
    public string Folder { get; set; } = Path.Combine(Path.GetTempPath(), "studyhub-failed-uploads");

    /// All kept zips together; the oldest make room for a new one, and a zip larger than this is not kept.
    public long MaxBytes { get; set; } = 2L * 1024 * 1024 * 1024;

    public int KeepDays { get; set; } = 7;
}

/// An upload that was accepted but whose import broke off with an error (the database went away, a bug) is recorded
/// as a failed run, and its zip is kept so that an editor can run it again from the run's report without uploading
/// it again. A refused upload is not kept: what it holds is what needs fixing.
public sealed class FailedImports(VaultImporter importer, IDbContextFactory<StudyHubDbContext> contexts, IOptions<FailedUploadOptions> options,
    TimeProvider clock, ILogger<FailedImports> logger)
{
    public const string Problem = "The import stopped with an unexpected error. The server's log has the details.";

    /// What a failed run's RetriedAs holds while its retry runs, so that two clicks on Retry run the zip once.
    public static readonly Guid Retrying = Guid.Empty;

    /// <paramref name="Report"/> is null when the import failed.
    public sealed record Outcome(Guid RunId, ImportReport? Report);

    /// Imports an uploaded zip; when that breaks off with an error, records a failed run and keeps the zip (moving it
    /// away from <paramref name="zip"/>). A refusal (VaultRejectedException) is left to the caller.
    public async Task<Outcome> ImportAsync(string zip, string vault, string origin, DateTimeOffset started, CancellationToken cancellationToken)
    {
        try
        {
            var report = await importer.ImportAsync(zip, vault, origin, cancellationToken);
            return new(report.RunId, report);
        }
        catch (Exception error) when (error is not (VaultRejectedException or OperationCanceledException))
        {
            logger.LogError(error, "The import of {Origin} into {Vault} failed", origin, vault);
            var runId = await importer.RecordRefusedAsync(vault, origin, Problem, started, cancellationToken);
            await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
            {
                await db.ImportRuns.Where(r => r.Id == runId).ExecuteUpdateAsync(s => s.SetProperty(r => r.Failed, true), cancellationToken);
            }
            Keep(runId, zip);
            return new(runId, null);
        }
    }

    /// Runs a failed run's kept zip again into the same vault, and returns the new run; null when the run cannot be
    /// retried (it was refused, is retried already, or its zip is no longer kept).
    public async Task<Guid?> RetryAsync(Guid runId, string? retriedBy, CancellationToken cancellationToken)
    {
        if (KeptZipOf(runId) is not { } zip)
        {
            return null;
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var run = await db.ImportRuns.AsNoTracking().SingleOrDefaultAsync(r => r.Id == runId && r.Failed && r.RetriedAs == null, cancellationToken);
        if (run is null
            || await db.ImportRuns.Where(r => r.Id == runId && r.RetriedAs == null)
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.RetriedAs, Retrying), cancellationToken) == 0)
        {
            return null;
        }
        var vault = JsonSerializer.Deserialize<ImportReport>(run.Report)!.Vault;
        var origin = $"{run.Source}, retried by {retriedBy}";
        var started = clock.GetUtcNow();
        Guid retry;
        try
        {
            // The upload made a new vault then, and the name was free: a vault given that name since must not be replaced.
            if (run.VaultId is null && await db.Vaults.AnyAsync(v => v.Name == vault, cancellationToken))
            {
                throw new VaultRejectedException($"A vault named \"{vault}\" was made since this upload failed; upload the zip again to re-import it.");
            }
            var outcome = await ImportAsync(zip, vault, origin, started, cancellationToken);
            if (outcome.Report is not null)
            {
                File.Delete(zip);
            }
            retry = outcome.RunId;
        }
        catch (VaultRejectedException rejected)
        {
            retry = await importer.RecordRefusedAsync(vault, origin, rejected.Message, started, cancellationToken);
            File.Delete(zip);
        }
        catch
        {
            await db.ImportRuns.Where(r => r.Id == runId).ExecuteUpdateAsync(s => s.SetProperty(r => r.RetriedAs, (Guid?)null), CancellationToken.None);
            throw;
        }
        await db.ImportRuns.Where(r => r.Id == runId).ExecuteUpdateAsync(s => s.SetProperty(r => r.RetriedAs, retry), cancellationToken);
        return retry;
    }

    /// The kept zip of a failed run, unless it is gone or past its days (then it goes now).
    public string? KeptZipOf(Guid runId)
    {
        var zip = new FileInfo(PathOf(runId));
        if (!zip.Exists)
        {
            return null;
        }
        if (Expired(zip))
        {
            zip.Delete();
            return null;
        }
        return zip.FullName;
    }

    public DateTimeOffset KeptUntil(string zip) => new DateTimeOffset(File.GetLastWriteTimeUtc(zip), TimeSpan.Zero).AddDays(options.Value.KeepDays);

    void Keep(Guid runId, string zip)
    {
        try
        {
            var limit = options.Value.MaxBytes;
            var size = new FileInfo(zip).Length;
            if (size > limit)
            {
                logger.LogWarning("Not keeping the failed upload of run {RunId}: {Bytes} bytes is over Import:FailedUploads:MaxBytes", runId, size);
                return;
            }
            var kept = Directory.CreateDirectory(options.Value.Folder).EnumerateFiles("*.zip").OrderBy(f => f.LastWriteTimeUtc).ToList();
            var total = kept.Sum(f => f.Length);
            foreach (var old in kept)
            {
                if (Expired(old) || total + size > limit)
                {
                    total -= old.Length;
                    old.Delete();
                }
            }
            var path = PathOf(runId);
            File.Move(zip, path, overwrite: true);
            // Its days count from the failure, also when a retry failed again and the zip moved on to the new run.
            File.SetLastWriteTimeUtc(path, clock.GetUtcNow().UtcDateTime);
        }
        catch (IOException error)
        {
            logger.LogWarning(error, "Could not keep the failed upload of run {RunId} for a retry", runId);
        }
    }

    bool Expired(FileInfo zip) => new DateTimeOffset(zip.LastWriteTimeUtc, TimeSpan.Zero).AddDays(options.Value.KeepDays) <= clock.GetUtcNow();

    string PathOf(Guid runId) => Path.Combine(options.Value.Folder, $"{runId:N}.zip");
}
