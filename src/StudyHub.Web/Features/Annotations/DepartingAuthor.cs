using Microsoft.EntityFrameworkCore;
using StudyHub.Web.Data;
using StudyHub.Web.Features.Accounts;

namespace StudyHub.Web.Features.Annotations;

/// What someone deleting their account wrote in discussions, and what becomes of it. The account's foreign keys
/// cascade, so deleting it removes everything it wrote and the replies under its annotations; keeping first hands
/// what others may read to the former member. Private ("only me") annotations and comments go either way, as nobody
/// else could ever read them.
public sealed record DepartingAuthor(int Annotations, int PrivateAnnotations, int Comments, int PrivateComments, int RepliesByOthers)
{
    public static async Task<DepartingAuthor> OfAsync(StudyHubDbContext db, string userId, CancellationToken cancellationToken)
    {
        var annotations = db.Annotations.Where(a => a.AuthorId == userId);
        var comments = db.Comments.Where(c => c.AuthorId == userId);
        return new DepartingAuthor(
            await annotations.CountAsync(cancellationToken),
            await annotations.CountAsync(a => a.Visibility == AnnotationVisibility.OnlyMe, cancellationToken),
            await comments.CountAsync(cancellationToken),
            await comments.CountAsync(c => c.AnnotationId == null
                ? c.Visibility == AnnotationVisibility.OnlyMe
                : annotations.Any(a => a.Id == c.AnnotationId && a.Visibility == AnnotationVisibility.OnlyMe), cancellationToken),
            await db.Comments.CountAsync(c => c.AuthorId != userId && annotations.Any(a => a.Id == c.AnnotationId), cancellationToken));
    }

    /// Run in the transaction that deletes the account; readers of the notes it touched hear of the change when it commits.
    public static async Task LeaveAsync(StudyHubDbContext db, string userId, bool keep, CancellationToken cancellationToken)
    {
        var notes = await db.Annotations.Where(a => a.AuthorId == userId).Select(a => a.NoteId)
            .Union(db.Comments.Where(c => c.AuthorId == userId).Select(c => c.NoteId)).ToListAsync(cancellationToken);
        if (keep)
        {
            await db.Annotations.Where(a => a.AuthorId == userId && a.Visibility != AnnotationVisibility.OnlyMe)
                .ExecuteUpdateAsync(a => a.SetProperty(x => x.AuthorId, StudyHubUser.FormerMemberId), cancellationToken);
            await db.Comments.Where(c => c.AuthorId == userId && (c.AnnotationId != null || c.Visibility != AnnotationVisibility.OnlyMe))
                .ExecuteUpdateAsync(c => c.SetProperty(x => x.AuthorId, StudyHubUser.FormerMemberId), cancellationToken);
        }
        foreach (var note in notes)
        {
            await DiscussionFeed.AnnounceAsync(db, note, cancellationToken);
        }
    }
}
