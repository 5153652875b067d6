namespace StudyHub.Web.Features.Notes;

/// What "recently updated" means, for every list that says it: the notes the latest import changed first (each new
/// revision and each move dates a note), and among the notes one import dated, which share that date, the one its
/// author saved last first, as the vault's files say; then the older notes, then the path and id, so that the order
/// stays put when the files' times are alike or say nothing (SavedTimes).
/// REVIEW: a git source's files carry the time of their checkout; the time of the last commit that changed each would
/// be the author's (Features/Sync).
public static class NoteRecency
{
    public static IOrderedQueryable<Note> LatestFirst(this IQueryable<Note> notes) =>
        notes.OrderByDescending(n => n.UpdatedAt).ThenByDescending(n => n.SavedAt).ThenBy(n => n.CreatedAt).ThenBy(n => n.Path).ThenBy(n => n.Id);
}
