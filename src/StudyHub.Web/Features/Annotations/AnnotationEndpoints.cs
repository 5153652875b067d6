using System.Security.Claims;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.EntityFrameworkCore;
using StudyHub.Web.Data;
using StudyHub.Web.Features.Accounts;

namespace StudyHub.Web.Features.Annotations;

public sealed record NewAnnotation(int Start, int Length, string Quote, string Body, string Visibility, int? MediaSeconds);

public sealed record AnnotationView(Guid Id, string Quote, int Start, int Length, string Status, string Body, string Visibility,
    int? MediaSeconds, bool Mine, DateTimeOffset CreatedAt);

public sealed record AntiforgeryToken(string HeaderName, string Token);

/// Annotations over HTTP. What a reader may see or change is decided here, on the server, for every request:
/// anything they may not see answers 404, exactly as if it did not exist.
public static class AnnotationEndpoints
{
    const int MaxBody = 10_000;
    const int MaxQuote = 2_000;

    public static void MapAnnotations(this WebApplication app)
    {
        app.MapGet("/api/antiforgery", (IAntiforgery antiforgery, HttpContext http) =>
        {
            var tokens = antiforgery.GetAndStoreTokens(http);
            return Results.Ok(new AntiforgeryToken(tokens.HeaderName!, tokens.RequestToken!));
        }).WithSummary("A token for requests that change data, sent back in the named header.");

        var annotations = app.MapGroup("/api/notes/{slug}/annotations");
        annotations.MapGet("", ListAsync).WithName("ListAnnotations").WithSummary("The annotations of a note the caller may see.");
        annotations.MapPost("", CreateAsync).RequireAuthorization().WithName("CreateAnnotation").WithSummary("Annotates a passage of a note.");
        app.MapDelete("/api/annotations/{id:guid}", DeleteAsync).RequireAuthorization().WithName("DeleteAnnotation")
            .WithSummary("Deletes an annotation: its author may, and editors and admins may for any they can see.");
    }

    static async Task<IResult> ListAsync(string slug, ClaimsPrincipal user, IDbContextFactory<StudyHubDbContext> contexts, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var noteId = await db.Notes.Where(n => n.Slug == slug && n.DeletedAt == null).Select(n => (Guid?)n.Id).SingleOrDefaultAsync(cancellationToken);
        if (noteId is null)
        {
            return Results.NotFound();
        }
        var me = UserId(user);
        var visible = await Visible(db.Annotations.Where(a => a.NoteId == noteId), user).OrderBy(a => a.Start).ToListAsync(cancellationToken);
        return Results.Ok(visible.Select(a => View(a, me)).ToList());
    }

    static async Task<IResult> CreateAsync(string slug, NewAnnotation input, ClaimsPrincipal user, HttpContext http, IAntiforgery antiforgery,
        IDbContextFactory<StudyHubDbContext> contexts, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (!await antiforgery.IsRequestValidAsync(http))
        {
            return Results.BadRequest("A valid antiforgery token is required (GET /api/antiforgery).");
        }
        if (!Enum.TryParse<AnnotationVisibility>(input.Visibility, ignoreCase: true, out var visibility)
            || input.Body.Length is 0 or > MaxBody || input.Quote.Length is 0 or > MaxQuote || input.MediaSeconds is < 0)
        {
            return Results.BadRequest("Give a passage (up to 2,000 characters), a comment (up to 10,000) and a visibility: OnlyMe, Members or Public.");
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var note = await db.Notes.Where(n => n.Slug == slug && n.DeletedAt == null)
            .Select(n => new { n.Id, n.PlainText, Revision = n.Revisions.Max(r => (int?)r.Number) ?? 0 })
            .SingleOrDefaultAsync(cancellationToken);
        if (note is null)
        {
            return Results.NotFound();
        }
        if (input.Start < 0 || input.Start + input.Quote.Length > note.PlainText.Length
            || string.CompareOrdinal(note.PlainText, input.Start, input.Quote, 0, input.Quote.Length) != 0)
        {
            return Results.BadRequest("The passage is not at that place in the note.");
        }
        var anchor = TextAnchor.Of(note.PlainText, input.Start, input.Quote.Length);
        var now = clock.GetUtcNow();
        var annotation = new Annotation
        {
            NoteId = note.Id, AuthorId = UserId(user)!, Quote = anchor.Quote, Prefix = anchor.Prefix, Suffix = anchor.Suffix, Start = anchor.Start,
            Length = anchor.Quote.Length, Status = AnchorStatus.Anchored, RevisionNumber = note.Revision, MediaSeconds = input.MediaSeconds,
            Body = input.Body, Visibility = visibility, CreatedAt = now, UpdatedAt = now,
        };
        db.Annotations.Add(annotation);
        await db.SaveChangesAsync(cancellationToken);
        return Results.Created($"/api/annotations/{annotation.Id}", View(annotation, annotation.AuthorId));
    }

    static async Task<IResult> DeleteAsync(Guid id, ClaimsPrincipal user, HttpContext http, IAntiforgery antiforgery,
        IDbContextFactory<StudyHubDbContext> contexts, CancellationToken cancellationToken)
    {
        if (!await antiforgery.IsRequestValidAsync(http))
        {
            return Results.BadRequest("A valid antiforgery token is required (GET /api/antiforgery).");
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var annotation = await Visible(db.Annotations.Where(a => a.Id == id), user).SingleOrDefaultAsync(cancellationToken);
        if (annotation is null)
        {
            return Results.NotFound();
        }
        if (annotation.AuthorId != UserId(user) && !user.IsInRole(Roles.Editor) && !user.IsInRole(Roles.Admin))
        {
            return Results.Forbid();
        }
        db.Annotations.Remove(annotation);
        await db.SaveChangesAsync(cancellationToken);
        return Results.NoContent();
    }

    /// Public ones to everybody, members' ones to anyone signed in, private ones to their author only.
    static IQueryable<Annotation> Visible(IQueryable<Annotation> annotations, ClaimsPrincipal user)
    {
        var me = UserId(user);
        return me is null
            ? annotations.Where(a => a.Visibility == AnnotationVisibility.Public)
            : annotations.Where(a => a.Visibility != AnnotationVisibility.OnlyMe || a.AuthorId == me);
    }

    static string? UserId(ClaimsPrincipal user) =>
        user.Identity?.IsAuthenticated == true ? user.FindFirstValue(ClaimTypes.NameIdentifier) : null;

    static AnnotationView View(Annotation a, string? me) =>
        new(a.Id, a.Quote, a.Start, a.Length, a.Status.ToString(), a.Body, a.Visibility.ToString(), a.MediaSeconds, a.AuthorId == me, a.CreatedAt);
}
