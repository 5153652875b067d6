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
/// Cue: instead of a passage, what was said at a moment of a recording; the quote is then the cue's words as the page
/// showed them, and the moment is the cue's. MediaRecording: which of the note's recordings (0 the first, the default)
/// MediaSeconds is a moment of, when another was playing.
public sealed record NewAnnotation(string Quote, string Body, string Visibility, int? MediaSeconds, string? Prefix = null, string? Suffix = null,
    int? Start = null, string? Heading = null, Guid? Id = null, CueAt? Cue = null, int? MediaRecording = null);

/// A cue of a transcript: which of the note's recordings (0 the first) and when the cue starts, in milliseconds.
public sealed record CueAt(int Recording, int Start);

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
            .WithName("CreateAnnotation").WithSummary("Annotates a passage of a note, or what was said in one of its recordings (a transcript cue).");

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
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var outcome = await Discussion.AnnotateAsync(db, Reader.Of(http), DisplayNameClaims.Of(http.User), slug, input, clock.GetUtcNow(), cancellationToken);
        return outcome.Refused switch
        {
            Refused.Nothing => TypedResults.Created($"/annotations/{outcome.Value!.Id}", outcome.Value),
            Refused.Invalid => TypedResults.ValidationProblem(outcome.Problems),
            Refused.IdTaken => DiscussionChanges.IdTaken,
            _ => TypedResults.NotFound(),
        };
    }

    static async Task<Results<Ok<AnnotationView>, NotFound, ForbidHttpResult, ValidationProblem>> ChangeAsync(Guid id, AnnotationChange change, HttpContext http, IDbContextFactory<StudyHubDbContext> contexts,
        TimeProvider clock, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var outcome = await Discussion.ChangeAnnotationAsync(db, Reader.Of(http), id, change, clock.GetUtcNow(), cancellationToken);
        return outcome.Refused switch
        {
            Refused.Nothing => TypedResults.Ok(outcome.Value),
            Refused.Invalid => TypedResults.ValidationProblem(outcome.Problems),
            Refused.Forbidden => TypedResults.Forbid(),
            _ => TypedResults.NotFound(),
        };
    }

    static async Task<Results<NoContent, NotFound, ForbidHttpResult>> DeleteAsync(Guid id, HttpContext http, IDbContextFactory<StudyHubDbContext> contexts,
        CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return DiscussionChanges.Deleted(await Discussion.DeleteAnnotationAsync(db, Reader.Of(http), id, cancellationToken));
    }

    static async Task<Results<Created<CommentView>, NotFound, ValidationProblem, Conflict<ProblemDetails>>> ReplyAsync(Guid id, NewComment input, HttpContext http, IDbContextFactory<StudyHubDbContext> contexts,
        TimeProvider clock, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var outcome = await Discussion.ReplyAsync(db, Reader.Of(http), DisplayNameClaims.Of(http.User), id, input, clock.GetUtcNow(), cancellationToken);
        return DiscussionChanges.Created(outcome, $"/annotations/{id}");
    }

    /// Shared links to annotations the visitor may not see ask anonymous visitors to sign in first, and are
    /// not found for everyone else.
    static async Task<Results<RedirectHttpResult, NotFound, ChallengeHttpResult>> OpenAsync(Guid id, HttpContext http, IDbContextFactory<StudyHubDbContext> contexts, CancellationToken cancellationToken)
    {
        var reader = Reader.Of(http);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var annotation = await reader.Visible(db.Annotations.Where(a => a.Id == id), db.Notes)
            .Join(db.Notes, a => a.NoteId, n => n.Id, (a, n) => new { n.Address, a.MediaSeconds, a.MediaRecording })
            .SingleOrDefaultAsync(cancellationToken);
        if (annotation is null)
        {
            return reader.SignedIn ? TypedResults.NotFound() : TypedResults.Challenge();
        }
        var note = NoteAddress.HrefOfRecording(annotation.Address, annotation.MediaRecording, annotation.MediaSeconds);
        return TypedResults.Redirect($"{note}#annotation-{id}");
    }
}
