using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using StudyHub.Web.Data;

namespace StudyHub.Web.Features.Annotations;

/// An annotation or a comment: what their endpoints need to know to change or delete either.
public interface IDiscussionEntry
{
    Guid Id { get; }
    Guid NoteId { get; }
    string AuthorId { get; }
}

/// The shape every change to a discussion shares, whether it is an annotation or a comment.
static class DiscussionChanges
{
    /// Saves, then tells the note's live readers to ask again: a reader told first could read the old state.
    public static async Task SaveAndAnnounceAsync(StudyHubDbContext db, Guid noteId, CancellationToken cancellationToken)
    {
        await db.SaveChangesAsync(cancellationToken);
        await DiscussionFeed.AnnounceAsync(db, noteId, cancellationToken);
    }

    /// Adds a new entry and announces it. The client may name the entry with an id of its own (NewAnnotation.Id,
    /// NewComment.Id) so that sending a post again, after an answer that never came, cannot post it twice: the second
    /// answer is the entry the first one made. Null when the id already names someone else's entry.
    public static async Task<T?> PostOnceAsync<T>(StudyHubDbContext db, T entry, CancellationToken cancellationToken) where T : class, IDiscussionEntry
    {
        // Asked first, so that a plain retry does not go through a failed insert (which EF Core logs as an error).
        var earlier = await db.Set<T>().AsNoTracking().SingleOrDefaultAsync(e => e.Id == entry.Id, cancellationToken);
        if (earlier is null)
        {
            db.Add(entry);
            try
            {
                await SaveAndAnnounceAsync(db, entry.NoteId, cancellationToken);
                return entry;
            }
            catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } taken
                && taken.ConstraintName == db.Model.FindEntityType(typeof(T))!.FindPrimaryKey()!.GetName())
            {
                // A retry that raced this one got there first.
                db.ChangeTracker.Clear();
                earlier = await db.Set<T>().AsNoTracking().SingleAsync(e => e.Id == entry.Id, cancellationToken);
            }
        }
        return earlier.AuthorId == entry.AuthorId && earlier.NoteId == entry.NoteId ? earlier : null;
    }

    /// The API's answer when a post's id already names someone else's entry.
    public static Conflict<ProblemDetails> IdTaken => TypedResults.Conflict(new ProblemDetails
    {
        Status = StatusCodes.Status409Conflict,
        Title = "That id already names another post.",
        Detail = "Send the post with a new id, or without one.",
    });

    public static Results<Created<CommentView>, NotFound, ValidationProblem, Conflict<ProblemDetails>> Created(Outcome<CommentView> outcome, string location) =>
        outcome.Refused switch
        {
            Refused.Nothing => TypedResults.Created(location, outcome.Value),
            Refused.Invalid => TypedResults.ValidationProblem(outcome.Problems),
            Refused.IdTaken => IdTaken,
            _ => TypedResults.NotFound(),
        };

    public static Results<NoContent, NotFound, ForbidHttpResult> Deleted(Refused refused) => refused switch
    {
        Refused.Nothing => TypedResults.NoContent(),
        Refused.Forbidden => TypedResults.Forbid(),
        _ => TypedResults.NotFound(),
    };
}
