using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using StudyHub.Web.Data;
using StudyHub.Web.Features.Accounts;
using StudyHub.Web.Infrastructure;

namespace StudyHub.Web.Features.Annotations;

/// What a moderator or author changes about a comment or reply.
public sealed record CommentChange(string? Body = null, bool? Hidden = null);

/// The note's own thread, and the comments and replies in any thread, under the same rules as annotations.
public static class CommentEndpoints
{
    internal static void Map(IEndpointRouteBuilder app)
    {
        var ofNote = app.MapGroup("/api/notes/{slug}/comments").ExcludeFromReadingCache();
        ofNote.MapGet("", ListAsync).WithName("ListComments").WithSummary("The note's thread as the caller may see it, oldest first.");
        ofNote.MapPost("", CreateAsync).RequireAuthorization().RequireAntiforgeryToken().RequireRateLimiting(AnnotationsFeature.PostingRateLimit)
            .WithName("CreateComment").WithSummary("Adds a comment to the note's thread.");

        var one = app.MapGroup("/api/comments/{id:guid}").RequireAuthorization().RequireAntiforgeryToken();
        one.MapPatch("", ChangeAsync).RequireRateLimiting(AnnotationsFeature.PostingRateLimit).WithName("ChangeComment")
            .WithSummary("Edits a comment or reply (its author) or hides it (editors, admins).");
        one.MapDelete("", DeleteAsync).WithName("DeleteComment").WithSummary("Deletes a comment or reply: its author, editors and admins may.");
    }

    static async Task<Results<Ok<List<CommentView>>, NotFound>> ListAsync(string slug, HttpContext http, IDbContextFactory<StudyHubDbContext> contexts, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (await AnnotationsFeature.NoteIdAsync(db, slug, cancellationToken) is not { } noteId)
        {
            return TypedResults.NotFound();
        }
        var thread = db.Comments.Where(c => c.NoteId == noteId && c.AnnotationId == null);
        return TypedResults.Ok(await DiscussionViews.CommentsAsync(db, thread, Reader.Of(http), cancellationToken));
    }

    static async Task<Results<Created<CommentView>, NotFound, ValidationProblem, Conflict<ProblemDetails>>> CreateAsync(string slug, NewComment input, HttpContext http, IDbContextFactory<StudyHubDbContext> contexts,
        TimeProvider clock, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var outcome = await Discussion.CommentAsync(db, Reader.Of(http), DisplayNameClaims.Of(http.User), slug, input, clock.GetUtcNow(), cancellationToken);
        return DiscussionChanges.Created(outcome, $"/api/comments/{outcome.Value?.Id}");
    }

    static async Task<Results<Ok<CommentView>, NotFound, ForbidHttpResult, ValidationProblem>> ChangeAsync(Guid id, CommentChange change, HttpContext http, IDbContextFactory<StudyHubDbContext> contexts,
        TimeProvider clock, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var outcome = await Discussion.ChangeCommentAsync(db, Reader.Of(http), id, change, clock.GetUtcNow(), cancellationToken);
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
        return DiscussionChanges.Deleted(await Discussion.DeleteCommentAsync(db, Reader.Of(http), id, cancellationToken));
    }
}
