using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using StudyHub.Web.Data;
using StudyHub.Web.Features.Accounts;

namespace StudyHub.Web.Features.Import;

public sealed record ImportCreated(Guid Id, string Report);

/// The web import: an editor or admin uploads a vault zip from /admin/imports; it streams to a temporary file, is
/// imported like the command line's zips, and leaves its report at /admin/imports/{id}.
public static class ImportEndpoints
{
    /// For [Authorize(Roles = …)] and AuthorizeView, which take a comma-separated list.
    public const string Importers = Roles.Admin + "," + Roles.Editor;

    public const string FileField = "zip";
    public const string VaultField = "vault";
    public const string NewVaultField = "newVault";

    /// Room in the request for the multipart headers and the small fields beside the zip.
    const long FormOverheadBytes = 64 * 1024;
    const int MaxVaultName = 200;

    internal static async Task<Results<Created<ImportCreated>, ProblemHttpResult>> UploadAsync(HttpContext http, ClaimsPrincipal user,
        IAntiforgery antiforgery, IOptions<AntiforgeryOptions> antiforgeryOptions, IOptions<ImportLimits> limits, IOptions<UploadOptions> uploads, RunningImports running,
        VaultImporter importer, IDbContextFactory<StudyHubDbContext> contexts, FailedImports failures, IHostApplicationLifetime lifetime,
        ILoggerFactory loggers)
    {
        // The token must come in the header: looking for it in the form would read, and buffer, the whole upload first.
        if (!http.Request.Headers.ContainsKey(antiforgeryOptions.Value.HeaderName!) || !await antiforgery.IsRequestValidAsync(http))
        {
            return Problem(StatusCodes.Status400BadRequest, "The upload needs the page's antiforgery token. Reload the page and try again.");
        }
        var maxBytes = limits.Value.MaxUploadBytes;
        var started = TimeProvider.System.GetUtcNow();
        var uploader = user.Identity?.Name;
        var logger = loggers.CreateLogger(typeof(ImportEndpoints));
        // A refusal is kept in the list of imports too, so that whoever looks later sees what was tried and why it failed.
        async Task<ProblemHttpResult> RefusedAsync(int status, string vault, string origin, string problem)
        {
            logger.LogInformation("Refused {Origin}: {Reason}", origin, problem);
            var runId = await importer.RecordRefusedAsync(vault, origin, problem, started, lifetime.ApplicationStopping);
            return Problem(status, problem, $"/admin/imports/{runId}");
        }
        if (http.Request.ContentLength > maxBytes + FormOverheadBytes)
        {
            return await RefusedAsync(StatusCodes.Status413PayloadTooLarge, "", $"A zip uploaded by {uploader}", TooLarge(maxBytes));
        }
        // Taken before the upload is read and held until the import ends, so a refused upload costs nothing.
        using var place = running.TryStart(http.Response);
        if (!place.IsAcquired)
        {
            return Problem(StatusCodes.Status503ServiceUnavailable, running.Busy);
        }
        // Kestrel's default limit of 30 MB suits forms, not vaults.
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } bodySize)
        {
            bodySize.MaxRequestBodySize = maxBytes + FormOverheadBytes;
        }

        UploadedZip upload;
        try
        {
            upload = await UploadedZip.ReceiveAsync(http.Request, FileField, maxBytes, uploads.Value.Folder, http.RequestAborted);
        }
        catch (BadHttpRequestException tooLarge) when (tooLarge.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return await RefusedAsync(StatusCodes.Status413PayloadTooLarge, "", $"A zip uploaded by {uploader}", TooLarge(maxBytes));
        }
        catch (BadHttpRequestException malformed)
        {
            return Problem(StatusCodes.Status400BadRequest, malformed.Message);
        }
        catch (IOException full) when (UploadedZip.IsDiskFull(full))
        {
            // The uploader can do nothing about it but wait; whoever runs the site must hear of it.
            logger.LogError(full, "No room for an upload in {Folder} (Import:Uploads:Folder)", uploads.Value.Folder);
            return await RefusedAsync(StatusCodes.Status507InsufficientStorage, "", $"A zip uploaded by {uploader}", DiskFull);
        }
        catch (Exception broken) when (broken is IOException or InvalidDataException && !http.RequestAborted.IsCancellationRequested)
        {
            return Problem(StatusCodes.Status400BadRequest, "The upload arrived cut short or malformed. Try again.");
        }
        using (upload)
        {
            if (upload.FileName.Length == 0)
            {
                return Problem(StatusCodes.Status400BadRequest, "Choose a .zip file of the vault to upload.");
            }
            var origin = $"{upload.FileName}, uploaded by {uploader}";
            var (vault, problem) = await TargetVaultAsync(upload, contexts, http.RequestAborted);
            if (problem is not null)
            {
                return await RefusedAsync(StatusCodes.Status400BadRequest, vault, origin, problem);
            }
            try
            {
                // The import finishes even if the uploader closes the tab; its report waits in the list.
                // REVIEW: VaultSource holds the unpacked files in memory (up to Import:Limits:MaxTotalBytes), as for the command line.
                var (runId, report) = await failures.ImportAsync(upload.Path, vault, origin, started, lifetime.ApplicationStopping);
                var address = $"/admin/imports/{runId}";
                if (report is null)
                {
                    return Problem(StatusCodes.Status500InternalServerError, $"{FailedImports.Problem} Its report can run it again.", address);
                }
                logger.LogInformation("Imported {Origin}: {Report}", origin, report);
                return TypedResults.Created(address, new ImportCreated(runId, address));
            }
            catch (VaultRejectedException rejected)
            {
                return await RefusedAsync(StatusCodes.Status400BadRequest, vault, origin, rejected.Message);
            }
        }
    }

    /// An existing vault chosen by name is re-imported; a new name must not be taken, so that a typo never replaces
    /// another vault's notes. With neither, the new vault is named after the file.
    static async Task<(string Vault, string? Problem)> TargetVaultAsync(UploadedZip upload, IDbContextFactory<StudyHubDbContext> contexts,
        CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (upload.Fields.GetValueOrDefault(VaultField)?.Trim() is { Length: > 0 } existing)
        {
            return await db.Vaults.AnyAsync(v => v.Name == existing, cancellationToken)
                ? (existing, null)
                : (existing, $"There is no vault named \"{existing}\" to re-import.");
        }
        var name = upload.Fields.GetValueOrDefault(NewVaultField)?.Trim() is { Length: > 0 } given ? given : Path.GetFileNameWithoutExtension(upload.FileName).Trim();
        if (name.Length is 0 or > MaxVaultName)
        {
            return (name, $"Give the new vault a name of 1 to {MaxVaultName} characters.");
        }
        return await db.Vaults.AnyAsync(v => v.Name == name, cancellationToken)
            ? (name, $"A vault named \"{name}\" already exists. To replace its notes with this zip, choose it as the vault to re-import.")
            : (name, null);
    }

    const string DiskFull = "The server has no room to receive the zip right now; nothing was imported. Try again later, "
        + "and tell the site's admins if it happens again.";

    static string TooLarge(long maxBytes) =>
        $"The zip is larger than the upload limit of {Megabytes(maxBytes)} (Import:Limits:MaxUploadBytes); nothing was imported.";

    /// <paramref name="report"/> is where the refusal is kept, when it is.
    static ProblemHttpResult Problem(int status, string detail, string? report = null) =>
        TypedResults.Problem(detail, statusCode: status, title: "The vault was not imported.",
            extensions: report is null ? null : new Dictionary<string, object?> { ["report"] = report });

    public static string Megabytes(long bytes) => string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024.0 * 1024):0.#} MB");
}
