using System.Text.RegularExpressions;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.EntityFrameworkCore;
using Microsoft.Net.Http.Headers;
using StudyHub.Web.Data;

namespace StudyHub.Web.Features.Attachments;

public static partial class AttachmentEndpoints
{
    static readonly FileExtensionContentTypeProvider ContentTypes = new();

    public static void AddAttachments(this WebApplicationBuilder builder)
    {
        var folder = builder.Configuration["Attachments:Folder"];
        if (string.IsNullOrWhiteSpace(folder))
        {
            builder.Services.AddSingleton<IAttachmentStore, DatabaseAttachmentStore>();
        }
        else
        {
            builder.Services.AddSingleton<IAttachmentStore>(new FolderAttachmentStore(Path.GetFullPath(folder, builder.Environment.ContentRootPath)));
        }
    }

    /// The URL of an attachment: content-addressed, so it can be cached forever.
    public static string UrlOf(string hash, string fileName) => $"/attachments/{hash}/{Uri.EscapeDataString(fileName)}";

    public static string ContentTypeOf(string fileName) =>
        ContentTypes.TryGetContentType(fileName, out var type) ? type : "application/octet-stream";

    public static void MapAttachments(this WebApplication app) =>
        app.MapGet("/attachments/{hash}/{name}", async (string hash, string name, IAttachmentStore store,
            IDbContextFactory<StudyHubDbContext> contexts, HttpContext http, CancellationToken cancellationToken) =>
        {
            if (!Sha256Hex().IsMatch(hash))
            {
                return Results.NotFound();
            }
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            var contentType = await db.Attachments.Where(a => a.ContentHash == hash).Select(a => a.ContentType).FirstOrDefaultAsync(cancellationToken);
            var stream = contentType is null ? null : await store.OpenAsync(hash, cancellationToken);
            if (stream is null)
            {
                return Results.NotFound();
            }

            var headers = http.Response.Headers;
            headers.CacheControl = "public, max-age=31536000, immutable";
            headers.XContentTypeOptions = "nosniff";
            // Attachments are data, never a page: an SVG or HTML file opened directly runs no script.
            headers.ContentSecurityPolicy = "default-src 'none'; img-src 'self'; media-src 'self'; style-src 'unsafe-inline'; sandbox";
            var viewable = IsViewable(contentType!);
            var disposition = new ContentDispositionHeaderValue(viewable ? "inline" : "attachment");
            disposition.SetHttpFileName(name);
            headers.ContentDisposition = disposition.ToString();
            // Sent as bytes, a vault's .js or .css cannot be loaded by a page as a script or style from 'self'.
            return Results.Stream(stream, viewable ? contentType : "application/octet-stream",
                entityTag: new EntityTagHeaderValue($"\"{hash}\""), enableRangeProcessing: true);
        });

    static bool IsViewable(string contentType) =>
        contentType.StartsWith("image/", StringComparison.Ordinal) || contentType.StartsWith("audio/", StringComparison.Ordinal)
        || contentType.StartsWith("video/", StringComparison.Ordinal) || contentType is "application/pdf" or "text/plain";

    [GeneratedRegex("^[0-9a-f]{64}$")]
    private static partial Regex Sha256Hex();
}
