using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using StudyHub.Web.Data;
using StudyHub.Web.Features.Accounts;
using StudyHub.Web.Features.Notes;
using StudyHub.Web.Infrastructure;

namespace StudyHub.Web.Features.Sharing;

/// Share links to notes of members-only vaults. Opening a link stores its token in a cookie, so the note's
/// page, previews and later visits work for its holder until the link expires or is revoked.
public enum ShareLinkStatus { Open, Unknown, Revoked, Expired, NoteRemoved }

/// <paramref name="Since"/> is when a link stopped working, or until when an open one works.
public sealed record ShareLinkState(ShareLinkStatus Status, string? Address, DateTimeOffset? Since);

public static class SharingFeature
{
    public const string Cookie = "StudyHub.Share";
    public const int MaxDays = 90;

    /// Before anything reads notes: which note, if any, this visitor's share link opens.
    public static void UseSharing(this WebApplication app) => app.Use(async (context, next) =>
    {
        if (context.User.Identity?.IsAuthenticated != true && context.Request.Cookies[Cookie] is { Length: > 0 and <= 64 } token)
        {
            var contexts = context.RequestServices.GetRequiredService<IDbContextFactory<StudyHubDbContext>>();
            await using var db = await contexts.CreateDbContextAsync(context.RequestAborted);
            var noteId = await Valid(db, token, context.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow())
                .Select(s => (Guid?)s.NoteId).SingleOrDefaultAsync(context.RequestAborted);
            if (noteId is null)
            {
                context.Response.Cookies.Delete(Cookie);
            }
            else
            {
                context.Items[ReadAccess.SharedNoteKey] = noteId;
            }
        }
        await next(context);
    });

    public static void MapSharing(this WebApplication app)
    {
        var editors = app.MapGroup("").RequireAuthorization(policy => policy.RequireRole(Roles.Editor, Roles.Admin))
            // One check for both forms, whether or not they bind fields, instead of the framework's on form binding only.
            .DisableAntiforgery().RequireAntiforgeryToken();
        editors.MapPost("/notes/{slug}/shares", CreateAsync).WithSummary("Creates a share link to a note that expires after the given days.");
        editors.MapPost("/shares/{token}/revoke", RevokeAsync).WithSummary("Revokes a share link at once.");
    }

    static IQueryable<NoteShare> Valid(StudyHubDbContext db, string token, DateTimeOffset now) =>
        db.NoteShares.Where(s => s.Token == token && s.RevokedAt == null && s.ExpiresAt > now);

    /// What a share link opens now: its note's address while it is valid, otherwise why not.
    public static async Task<ShareLinkState> OpenAsync(StudyHubDbContext db, string token, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var share = await db.NoteShares.Where(s => s.Token == token)
            .Select(s => new
            {
                s.ExpiresAt, s.RevokedAt,
                Address = db.Notes.IgnoreQueryFilters(new[] { NoteFilters.Readable }).Where(n => n.Id == s.NoteId).Select(n => n.Address).SingleOrDefault(),
            })
            .SingleOrDefaultAsync(cancellationToken);
        return share switch
        {
            null => new ShareLinkState(ShareLinkStatus.Unknown, null, null),
            { RevokedAt: { } revoked } => new ShareLinkState(ShareLinkStatus.Revoked, null, revoked),
            { ExpiresAt: var expires } when expires <= now => new ShareLinkState(ShareLinkStatus.Expired, null, expires),
            { Address: null } => new ShareLinkState(ShareLinkStatus.NoteRemoved, null, null),
            _ => new ShareLinkState(ShareLinkStatus.Open, share.Address, share.ExpiresAt),
        };
    }

    static async Task<IResult> CreateAsync(string slug, [FromForm] int days, HttpContext http, IDbContextFactory<StudyHubDbContext> contexts,
        TimeProvider clock, CancellationToken cancellationToken)
    {
        if (days is < 1 or > MaxDays)
        {
            return Results.BadRequest($"A share link lasts 1 to {MaxDays} days.");
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var note = await db.Notes.Where(n => n.Slug == slug).Select(n => new { n.Id, n.Address }).SingleOrDefaultAsync(cancellationToken);
        if (note is null)
        {
            return Results.NotFound();
        }
        var now = clock.GetUtcNow();
        db.NoteShares.Add(new NoteShare
        {
            Token = NoteShare.NewToken(), NoteId = note.Id, CreatedById = http.User.FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier)!.Value,
            CreatedAt = now, ExpiresAt = now.AddDays(days),
        });
        await db.SaveChangesAsync(cancellationToken);
        return Results.Redirect($"{NoteAddress.Href(note.Address)}#sharing");
    }

    static async Task<IResult> RevokeAsync(string token, IDbContextFactory<StudyHubDbContext> contexts, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var share = await db.NoteShares.Where(s => s.Token == token)
            .Join(db.Notes.IgnoreQueryFilters([NoteFilters.NotDeleted]), s => s.NoteId, n => n.Id, (s, n) => new { Share = s, n.Address }).SingleOrDefaultAsync(cancellationToken);
        if (share is null)
        {
            return Results.NotFound();
        }
        share.Share.RevokedAt ??= clock.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
        return Results.Redirect($"{NoteAddress.Href(share.Address)}#sharing");
    }
}
