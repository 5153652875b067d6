using Microsoft.EntityFrameworkCore;
using StudyHub.Web.Data;

namespace StudyHub.Web.Features.Sync;

/// Vault sources, the syncs that keep vaults in step with them, and the webhook that git hosts call on a push.
public static class SyncFeature
{
    /// Push payloads carry the commits' lists of files; GitHub's stop at 25 MB, ours need none of it but the signature's input.
    const int MaxPushBytes = 25 * 1024 * 1024;

    public static void AddSync(this WebApplicationBuilder builder)
    {
        builder.Services.Configure<SyncOptions>(builder.Configuration.GetSection("Sync"));
        builder.Services.AddSingleton<SyncSecrets>();
        builder.Services.AddTransient<VaultSync>();
        builder.Services.AddSingleton<SyncRequests>();
        builder.Services.AddHostedService<SyncRunner>();
    }

    public static void MapSync(this WebApplication app) =>
        app.MapPost("/api/vaults/{vault}/push", ReceivePushAsync)
            .AllowAnonymous()
            .WithName("ReceivePush")
            .WithSummary("A git host's push event for the vault's source (GitHub, GitLab or Gitea, signed with the vault's webhook secret); answers 202 and syncs in the background.");

    /// Answers before syncing: git hosts give up on a webhook after ten seconds, and an import can take longer.
    static async Task<IResult> ReceivePushAsync(string vault, HttpRequest request, IDbContextFactory<StudyHubDbContext> contexts,
        SyncSecrets secrets, SyncRequests queue, CancellationToken cancellationToken)
    {
        if (request.ContentLength > MaxPushBytes)
        {
            return Results.StatusCode(StatusCodes.Status413PayloadTooLarge);
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var source = await db.SyncSources.Where(s => db.Vaults.Any(v => v.Id == s.VaultId && v.Slug == vault))
            .Select(s => new { s.VaultId, s.ProtectedWebhookSecret }).SingleOrDefaultAsync(cancellationToken);
        if (source is null)
        {
            return Results.NotFound();
        }
        using var body = new MemoryStream();
        await request.Body.CopyToAsync(body, cancellationToken);
        if (body.Length > MaxPushBytes)
        {
            return Results.StatusCode(StatusCodes.Status413PayloadTooLarge);
        }
        if (!PushSignature.IsValid(request.Headers, body.GetBuffer().AsSpan(0, (int)body.Length), secrets.Unprotect(source.ProtectedWebhookSecret)))
        {
            return Results.Unauthorized();
        }
        queue.Request(source.VaultId, "push");
        return Results.Accepted();
    }
}
