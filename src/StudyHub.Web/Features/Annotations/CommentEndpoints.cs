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
        var visibility = AnnotationVisibility.Members;
        var problems = new Problems().Body(input.Body).PostId(input.Id);
        if (input.Visibility is not null)
        {
            problems.Visibility(input.Visibility, out visibility);
        }
        if (problems.Refusal is { } refusal)
        {
            return refusal;
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (await AnnotationsFeature.NoteIdAsync(db, slug, cancellationToken) is not { } noteId)
        {
            return TypedResults.NotFound();
        }
        var reader = Reader.Of(http);
        var now = clock.GetUtcNow();
        var comment = new Comment { Id = input.Id ?? Guid.CreateVersion7(), NoteId = noteId, AuthorId = reader.Id!, Body = input.Body, Visibility = visibility, CreatedAt = now, UpdatedAt = now };
        if (await DiscussionChanges.PostOnceAsync(db, comment, cancellationToken) is not { } posted)
        {
            return DiscussionChanges.IdTaken;
        }
        return TypedResults.Created($"/api/comments/{posted.Id}", DiscussionViews.View(posted, DisplayNameClaims.Of(http.User), reader));
    }

    static async Task<Results<Ok<CommentView>, NotFound, ForbidHttpResult, ValidationProblem>> ChangeAsync(Guid id, CommentChange change, HttpContext http, IDbContextFactory<StudyHubDbContext> contexts,
        TimeProvider clock, CancellationToken cancellationToken)
    {
        var reader = Reader.Of(http);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var comment = await reader.Visible(db.Comments.Where(c => c.Id == id), db.Annotations, db.Notes).SingleOrDefaultAsync(cancellationToken);
        if (comment is null)
        {
            return TypedResults.NotFound();
        }
        if ((change.Body is not null && !reader.MayEdit(comment.AuthorId)) || (change.Hidden is not null && !reader.Moderates))
        {
            return TypedResults.Forbid();
        }
        if (change.Body is not null && new Problems().Body(change.Body).Refusal is { } refusal)
        {
            return refusal;
        }
        var now = clock.GetUtcNow();
        if (change.Body is not null)
        {
            (comment.Body, comment.UpdatedAt) = (change.Body, now);
        }
        comment.HiddenAt = change.Hidden switch { true => comment.HiddenAt ?? now, false => null, null => comment.HiddenAt };
        await DiscussionChanges.SaveAndAnnounceAsync(db, comment.NoteId, cancellationToken);
        return TypedResults.Ok(DiscussionViews.View(comment, await db.Users.Where(u => u.Id == comment.AuthorId).Select(u => u.DisplayName).SingleAsync(cancellationToken), reader));
    }

    static async Task<Results<NoContent, NotFound, ForbidHttpResult>> DeleteAsync(Guid id, HttpContext http, IDbContextFactory<StudyHubDbContext> contexts,
        CancellationToken cancellationToken)
    {
        var reader = Reader.Of(http);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await DiscussionChanges.DeleteAsync(db, reader.Visible(db.Comments.Where(c => c.Id == id), db.Annotations, db.Notes), reader, cancellationToken);
    }
}
