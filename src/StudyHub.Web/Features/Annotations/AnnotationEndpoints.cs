using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using StudyHub.Web.Data;
using StudyHub.Web.Features.Accounts;
using StudyHub.Web.Features.Notes;
using StudyHub.Web.Infrastructure;

namespace StudyHub.Web.Features.Annotations;

/// A passage the reader selected on the page, in the page's own words: the quote with some text on either
/// side. Start is the place in the note's plain text when the caller knows it exactly.
/// Id: the client's own for the new annotation, so that a retry cannot post it twice (DiscussionChanges.PostOnceAsync).
public sealed record NewAnnotation(string Quote, string Body, string Visibility, int? MediaSeconds, string? Prefix = null, string? Suffix = null,
    int? Start = null, string? Heading = null, Guid? Id = null);

/// What an author, or a moderator, changes about an annotation; what is left out stays as it was.
/// RemoveMediaSeconds takes the time away (MediaSeconds null only means "unchanged").
public sealed record AnnotationChange(string? Body = null, string? Visibility = null, int? MediaSeconds = null, bool? Resolved = null, bool? Hidden = null,
    bool RemoveMediaSeconds = false);

/// Id: the client's own for the new comment or reply, as for NewAnnotation.
public sealed record NewComment(string Body, string? Visibility = null, Guid? Id = null);

/// Annotations over HTTP. What a reader may see or change is decided by Reader on the server, for every request:
/// anything they may not see answers 404, exactly as if it did not exist.
public static class AnnotationEndpoints
{
    internal static void Map(IEndpointRouteBuilder app)
    {
        var ofNote = app.MapGroup("/api/notes/{slug}/annotations").ExcludeFromReadingCache();
        ofNote.MapGet("", ListAsync).WithName("ListAnnotations").WithSummary("The annotations of a note the caller may see, in reading order, with their replies.");
        ofNote.MapPost("", CreateAsync).RequireAuthorization().RequireAntiforgeryToken().RequireRateLimiting(AnnotationsFeature.PostingRateLimit)
            .WithName("CreateAnnotation").WithSummary("Annotates a passage of a note.");

        var one = app.MapGroup("/api/annotations/{id:guid}").RequireAuthorization().RequireAntiforgeryToken();
        one.MapPatch("", ChangeAsync).RequireRateLimiting(AnnotationsFeature.PostingRateLimit).WithName("ChangeAnnotation")
            .WithSummary("Edits an annotation (its author), resolves its thread (author, editors, admins) or hides it (editors, admins).");
        one.MapDelete("", DeleteAsync).WithName("DeleteAnnotation")
            .WithSummary("Deletes an annotation and its replies: its author may, and editors and admins may for any they can see.");
        one.MapPost("/replies", ReplyAsync).RequireRateLimiting(AnnotationsFeature.PostingRateLimit).WithName("ReplyToAnnotation")
            .WithSummary("Adds a reply to an annotation's thread.");

        app.MapGet("/annotations/{id:guid}", OpenAsync).ExcludeFromReadingCache()
            .WithSummary("The link to share an annotation: opens its note at the passage, with the lecture cued at its time.");
    }

    static async Task<Results<Ok<List<AnnotationView>>, NotFound>> ListAsync(string slug, HttpContext http, IDbContextFactory<StudyHubDbContext> contexts, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (await AnnotationsFeature.NoteIdAsync(db, slug, cancellationToken) is not { } noteId)
        {
            return TypedResults.NotFound();
        }
        return TypedResults.Ok(await DiscussionViews.AnnotationsAsync(db, db.Annotations.Where(a => a.NoteId == noteId), Reader.Of(http), cancellationToken));
    }

    static async Task<Results<Created<AnnotationView>, NotFound, ValidationProblem, Conflict<ProblemDetails>>> CreateAsync(string slug, NewAnnotation input, HttpContext http, IDbContextFactory<StudyHubDbContext> contexts,
        TimeProvider clock, CancellationToken cancellationToken)
    {
        var problems = new Problems().Body(input.Body).Visibility(input.Visibility, out var visibility).MediaSeconds(input.MediaSeconds).PostId(input.Id)
            .Check("quote", input.Quote is not { Length: > 0 and <= DiscussionLimits.Quote }, $"Select a passage of up to {DiscussionLimits.Quote} characters.")
            .Check("prefix", input.Prefix?.Length > DiscussionLimits.Context, $"Send up to {DiscussionLimits.Context} characters before the passage.")
            .Check("suffix", input.Suffix?.Length > DiscussionLimits.Context, $"Send up to {DiscussionLimits.Context} characters after the passage.")
            .Check("heading", input.Heading?.Length > DiscussionLimits.Heading, $"A heading has up to {DiscussionLimits.Heading} characters.")
            .Check("start", input.Start is < 0, "A place in the note is not negative.");
        if (problems.Refusal is { } refusal)
        {
            return refusal;
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var note = await db.Notes.Where(n => n.Slug == slug)
            .Select(n => new { n.Id, n.PlainText, Revision = n.Revisions.Max(r => (int?)r.Number) ?? 0 })
            .SingleOrDefaultAsync(cancellationToken);
        if (note is null)
        {
            return TypedResults.NotFound();
        }
        if (problems.Check("start", input.Start > note.PlainText.Length, "The place given is past the end of the note.").Refusal is { } pastTheEnd)
        {
            return pastTheEnd;
        }
        if (Locate(note.PlainText, input) is not var (start, length))
        {
            return problems.Check("quote", true, "The passage is not in the note.").Refusal!;
        }
        var anchor = TextAnchor.Of(note.PlainText, start, length);
        var now = clock.GetUtcNow();
        var reader = Reader.Of(http);
        var annotation = new Annotation
        {
            Id = input.Id ?? Guid.CreateVersion7(), NoteId = note.Id, AuthorId = reader.Id!, Quote = anchor.Quote, Prefix = anchor.Prefix, Suffix = anchor.Suffix, Start = anchor.Start,
            Length = length, Status = AnchorStatus.Anchored, RevisionNumber = note.Revision, Heading = input.Heading,
            MediaSeconds = input.MediaSeconds, Body = input.Body, Visibility = visibility, CreatedAt = now, UpdatedAt = now,
        };
        if (await DiscussionChanges.PostOnceAsync(db, annotation, cancellationToken) is not { } posted)
        {
            return DiscussionChanges.IdTaken;
        }
        return TypedResults.Created($"/annotations/{posted.Id}", DiscussionViews.View(posted, DisplayNameClaims.Of(http.User), reader, [], note.PlainText));
    }

    /// The exact place when the caller gives one that holds the quote, else wherever the page's text matches.
    static (int Start, int Length)? Locate(string text, NewAnnotation input) =>
        input.Start is { } start && start >= 0 && start + input.Quote.Length <= text.Length
            && string.CompareOrdinal(text, start, input.Quote, 0, input.Quote.Length) == 0
            ? (start, input.Quote.Length)
            : Anchoring.FindSelection(text, input.Quote, input.Prefix ?? "", input.Suffix ?? "");

    static async Task<Results<Ok<AnnotationView>, NotFound, ForbidHttpResult, ValidationProblem>> ChangeAsync(Guid id, AnnotationChange change, HttpContext http, IDbContextFactory<StudyHubDbContext> contexts,
        TimeProvider clock, CancellationToken cancellationToken)
    {
        var reader = Reader.Of(http);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var annotation = await reader.Visible(db.Annotations.Where(a => a.Id == id), db.Notes).SingleOrDefaultAsync(cancellationToken);
        if (annotation is null)
        {
            return TypedResults.NotFound();
        }
        var edits = change.Body is not null || change.Visibility is not null || change.MediaSeconds is not null || change.RemoveMediaSeconds;
        if ((edits && !reader.MayEdit(annotation.AuthorId)) || (change.Resolved is not null && !reader.MayResolve(annotation.AuthorId))
            || (change.Hidden is not null && !reader.Moderates))
        {
            return TypedResults.Forbid();
        }
        var visibility = annotation.Visibility;
        var problems = new Problems().MediaSeconds(change.MediaSeconds);
        if (change.Body is not null)
        {
            problems.Body(change.Body);
        }
        if (change.Visibility is not null)
        {
            problems.Visibility(change.Visibility, out visibility);
        }
        if (problems.Refusal is { } refusal)
        {
            return refusal;
        }
        var now = clock.GetUtcNow();
        annotation.Body = change.Body ?? annotation.Body;
        annotation.Visibility = visibility;
        annotation.MediaSeconds = change.RemoveMediaSeconds ? null : change.MediaSeconds ?? annotation.MediaSeconds;
        annotation.ResolvedAt = change.Resolved switch { true => annotation.ResolvedAt ?? now, false => null, null => annotation.ResolvedAt };
        annotation.HiddenAt = change.Hidden switch { true => annotation.HiddenAt ?? now, false => null, null => annotation.HiddenAt };
        if (edits)
        {
            annotation.UpdatedAt = now;
        }
        await DiscussionChanges.SaveAndAnnounceAsync(db, annotation.NoteId, cancellationToken);
        return TypedResults.Ok((await DiscussionViews.AnnotationsAsync(db, db.Annotations.Where(a => a.Id == id), reader, cancellationToken)).Single());
    }

    static async Task<Results<NoContent, NotFound, ForbidHttpResult>> DeleteAsync(Guid id, HttpContext http, IDbContextFactory<StudyHubDbContext> contexts,
        CancellationToken cancellationToken)
    {
        var reader = Reader.Of(http);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await DiscussionChanges.DeleteAsync(db, reader.Visible(db.Annotations.Where(a => a.Id == id), db.Notes), reader, cancellationToken);
    }

    static async Task<Results<Created<CommentView>, NotFound, ValidationProblem, Conflict<ProblemDetails>>> ReplyAsync(Guid id, NewComment input, HttpContext http, IDbContextFactory<StudyHubDbContext> contexts,
        TimeProvider clock, CancellationToken cancellationToken)
    {
        if (new Problems().Body(input.Body).PostId(input.Id).Refusal is { } refusal)
        {
            return refusal;
        }
        var reader = Reader.Of(http);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var annotation = await reader.Visible(db.Annotations.Where(a => a.Id == id), db.Notes).Select(a => new { a.NoteId, a.Visibility }).SingleOrDefaultAsync(cancellationToken);
        if (annotation is null)
        {
            return TypedResults.NotFound();
        }
        var now = clock.GetUtcNow();
        var reply = new Comment
        {
            Id = input.Id ?? Guid.CreateVersion7(), NoteId = annotation.NoteId, AnnotationId = id, AuthorId = reader.Id!, Body = input.Body, Visibility = annotation.Visibility,
            CreatedAt = now, UpdatedAt = now,
        };
        if (await DiscussionChanges.PostOnceAsync(db, reply, cancellationToken) is not { } posted)
        {
            return DiscussionChanges.IdTaken;
        }
        return TypedResults.Created($"/annotations/{id}", DiscussionViews.View(posted, DisplayNameClaims.Of(http.User), reader));
    }

    /// Shared links to annotations the visitor may not see ask anonymous visitors to sign in first, and are
    /// not found for everyone else.
    static async Task<Results<RedirectHttpResult, NotFound, ChallengeHttpResult>> OpenAsync(Guid id, HttpContext http, IDbContextFactory<StudyHubDbContext> contexts, CancellationToken cancellationToken)
    {
        var reader = Reader.Of(http);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var annotation = await reader.Visible(db.Annotations.Where(a => a.Id == id), db.Notes)
            .Join(db.Notes, a => a.NoteId, n => n.Id, (a, n) => new { n.Address, a.MediaSeconds })
            .SingleOrDefaultAsync(cancellationToken);
        if (annotation is null)
        {
            return reader.SignedIn ? TypedResults.NotFound() : TypedResults.Challenge();
        }
        var note = annotation.MediaSeconds is { } seconds ? NoteAddress.Href(annotation.Address, seconds) : NoteAddress.Href(annotation.Address);
        return TypedResults.Redirect($"{note}#annotation-{id}");
    }
}
