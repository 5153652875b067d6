using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Net.Http.Headers;
using StudyHub.Web.Data;

namespace StudyHub.Web.Features.Attachments;

public static partial class AttachmentEndpoints
{
    /// The URL of an attachment: content-addressed, so it can be cached forever.
    public static string UrlOf(string hash, string fileName) => $"/attachments/{hash}/{Uri.EscapeDataString(fileName)}";

    /// The content hash an attachment's URL (UrlOf) names; null for any other URL.
    public static string? HashIn(string url) =>
        url.StartsWith("/attachments/", StringComparison.Ordinal) && url.Split('/') is [_, _, var hash, ..] && Sha256Hex().IsMatch(hash) ? hash : null;

    internal static async Task<IResult> GetAsync(string hash, string name, IAttachmentStore store, IDbContextFactory<StudyHubDbContext> contexts,
        HttpContext http, CancellationToken cancellationToken)
    {
        if (!Sha256Hex().IsMatch(hash))
        {
            return Results.NotFound();
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var readable = await Readable(db).Where(a => a.ContentHash == hash)
            .Select(a => new { a.ContentType, MembersOnly = db.Vaults.Any(v => v.Id == a.VaultId && v.MembersOnly) })
            .ToListAsync(cancellationToken);
        // A file the reader may not fetch is answered as a missing one, so no hash tells what a vault holds.
        if (readable.Count == 0)
        {
            return Results.NotFound();
        }
        var headers = http.Response.Headers;
        // Members' files are asked for again each time (answered 304 while the reader may still read them), so a
        // revoked share link or a removed member keeps nothing, and no shared cache ever holds one.
        headers.CacheControl = readable.Exists(a => ReadAccess.None.MayReadVault(a.MembersOnly)) ? "public, max-age=31536000, immutable" : "private, no-cache";
        var entityTag = new EntityTagHeaderValue($"\"{hash}\"");
        if (http.Request.GetTypedHeaders().IfNoneMatch.Any(tag => tag.Compare(entityTag, useStrongComparison: false)))
        {
            // Before the store is asked: the content named by its hash cannot have changed.
            headers.ETag = entityTag.ToString();
            return Results.StatusCode(StatusCodes.Status304NotModified);
        }
        var contentType = readable[0].ContentType;
        var stream = await store.OpenAsync(hash, cancellationToken);
        if (stream is null)
        {
            headers.CacheControl = default;
            return Results.NotFound();
        }

        headers.XContentTypeOptions = "nosniff";
        // Attachments are data, never a page: an SVG or HTML file opened directly runs no script.
        headers.ContentSecurityPolicy = "default-src 'none'; img-src 'self'; media-src 'self'; style-src 'unsafe-inline'; sandbox";
        var viewable = IsViewable(contentType);
        var disposition = new ContentDispositionHeaderValue(viewable ? "inline" : "attachment");
        disposition.SetHttpFileName(name);
        headers.ContentDisposition = disposition.ToString();
        // Sent as bytes, a vault's .js or .css cannot be loaded by a page as a script or style from 'self'.
        return Results.Stream(stream, viewable ? contentType : "application/octet-stream",
            entityTag: entityTag, enableRangeProcessing: true);
    }

    /// The files this reader may fetch: those of the vaults they may read, and for a share link's holder the ones its
    /// note links to or embeds.
    internal static IQueryable<Attachment> Readable(StudyHubDbContext db)
    {
        var shared = db.SharedNoteId;
        return db.Attachments.Where(a => db.ReadableVaults.Select(v => v.Id).Contains(a.VaultId)
            || db.NoteLinks.Any(l => l.NoteId == shared && l.TargetAttachmentPath == a.Path && db.Notes.Any(n => n.Id == shared && n.VaultId == a.VaultId)));
    }

    static bool IsViewable(string contentType) =>
        contentType.StartsWith("image/", StringComparison.Ordinal) || contentType.StartsWith("audio/", StringComparison.Ordinal)
        || contentType.StartsWith("video/", StringComparison.Ordinal) || contentType is "application/pdf" or "text/plain";

    [GeneratedRegex("^[0-9a-f]{64}$")]
    private static partial Regex Sha256Hex();
}
