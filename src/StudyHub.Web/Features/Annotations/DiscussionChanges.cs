using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using StudyHub.Web.Data;

namespace StudyHub.Web.Features.Annotations;

/// An annotation or a comment: what their endpoints need to know to change or delete either.
public interface IDiscussionEntry
{
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

    /// Deletes an entry its author, or a moderator, may delete; one the reader may not see is not found.
    public static async Task<Results<NoContent, NotFound, ForbidHttpResult>> DeleteAsync<T>(StudyHubDbContext db, IQueryable<T> visible,
        Reader reader, CancellationToken cancellationToken) where T : class, IDiscussionEntry
    {
        var entry = await visible.SingleOrDefaultAsync(cancellationToken);
        if (entry is null)
        {
            return TypedResults.NotFound();
        }
        if (!reader.MayDelete(entry.AuthorId))
        {
            return TypedResults.Forbid();
        }
        db.Remove(entry);
        await SaveAndAnnounceAsync(db, entry.NoteId, cancellationToken);
        return TypedResults.NoContent();
    }
}
