using Microsoft.EntityFrameworkCore;
using StudyHub.Web.Components.Listing;
using StudyHub.Web.Data;
using StudyHub.Web.Features.Notes;

namespace StudyHub.Web.Features.Concepts;

/// A note that links to a concept, once however often it does: where it first does (its path and line), and in a
/// lecture the moments of its recording where it does (the time written nearest before each link).
public sealed record ConceptMention(string Title, string Address, string Path, int Line, bool IsLecture, IReadOnlyList<int> Moments);

/// The notes that link to a concept, a page at a time (a popular concept is linked from thousands). Lectures come first,
/// each vault's in course order (CoursePlace): a reader who looks a concept up wants to be taught it, and in a course
/// the first lecture that mentions it is where it is introduced. The other notes follow by title, which a reader can
/// scan for a note they know; ranking them by the links they get would reorder the list, and move its cursors, with
/// every import. The cursor is a key of that order, unique by the note's place or id, so every note is reachable.
public static class ConceptMentions
{
    public const int PageSize = 50;

    /// The moments a mention lists, in order; a note that links a concept more often says so on its own page.
    const int MostMoments = 12;

    public static async Task<Listing<ConceptMention>> LoadAsync(StudyHubDbContext db, string slug, string? after, string? before,
        CancellationToken cancellationToken)
    {
        // The key is compared byte by byte, as course places are; a vault's slug has no space, so " " ends it below any
        // character of a longer slug.
        // ToLower is PostgreSQL's lower() here, which runs in the database's locale whatever the app's culture.
#pragma warning disable CA1304, CA1311
        var page = await db.Notes.Where(n => db.NoteLinks.Any(l => l.NoteId == n.Id && l.TargetSlug == slug && !l.IsAttachment))
            .Select(n => new
            {
                n.Id, n.Title, n.Address, n.Path, n.IsLecture,
                Key = EF.Functions.Collate(n.IsLecture ? "0" + n.Vault.Slug + " " + n.CoursePosition : "1" + n.Title.ToLower() + " " + n.Id.ToString(), "C"),
            })
            .PageAsync(r => r.Key, r => r, r => r.Key, after, before, PageSize, cancellationToken);
#pragma warning restore CA1304, CA1311
        var ids = page.Items.Select(r => r.Id).ToList();
        // In a lecture, the time written nearest before a link: what the recording says there. Only times of the recording
        // the player plays, the one ?t= seeks.
        var links = await db.NoteLinks.Where(l => ids.Contains(l.NoteId) && l.TargetSlug == slug && !l.IsAttachment)
            .Select(l => new
            {
                l.NoteId, l.Line,
                Moment = db.NoteTimestamps.Where(t => t.NoteId == l.NoteId && t.MediaIndex == 0 && t.Offset <= l.Offset)
                    .OrderByDescending(t => t.Offset).Select(t => (int?)t.Seconds).FirstOrDefault(),
            })
            .ToListAsync(cancellationToken);
        var linksOf = links.ToLookup(l => l.NoteId);
        var mentions = page.Items.Select(r => new ConceptMention(r.Title, r.Address, r.Path, linksOf[r.Id].Select(l => l.Line).DefaultIfEmpty().Min(), r.IsLecture,
            [.. linksOf[r.Id].Select(l => l.Moment).OfType<int>().Distinct().Order().Take(MostMoments)])).ToList();
        return new Listing<ConceptMention>(mentions, page.AtStart, page.Previous, page.Next);
    }
}
