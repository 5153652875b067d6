using Microsoft.EntityFrameworkCore;
using StudyHub.Web.Components.Listing;
using StudyHub.Web.Data;
using StudyHub.Web.Features.Annotations;
using StudyHub.Web.Features.Notes;
using StudyHub.Web.Features.Video;

namespace StudyHub.Web.Features.Courses;

/// A lecture as its course lists it: how many times in the note seek its recording, the recording's length when the
/// vault gives it (LectureLength: front matter, else the file's header; nothing is guessed), and the annotations on it
/// that the reader may see.
public sealed record CourseLecture(string Title, string Address, string? Folder, int Times, int? Duration, int Annotations);

/// One page of a vault's lectures (/courses/{vault}) in the order they are taught (CoursePlace), read from an index a
/// page at a time; the page's cursors are course places.
public sealed record CourseLectures(string Name, string Slug, Listing<CourseLecture> Lectures)
{
    public const int PageSize = 100;

    public static string Href(string vaultSlug) => $"/courses/{Uri.EscapeDataString(vaultSlug)}";

    /// Null when there is no such vault or the reader may read none of its lectures: the notes' query filters decide.
    public static async Task<CourseLectures?> LoadAsync(StudyHubDbContext db, Reader reader, string slug, string? after, string? before,
        CancellationToken cancellationToken)
    {
        var vault = await db.Vaults.Where(v => v.Slug == slug).Select(v => new { v.Id, v.Name, v.Slug }).SingleOrDefaultAsync(cancellationToken);
        if (vault is null)
        {
            return null;
        }
        var lectures = db.Notes.Where(n => n.VaultId == vault.Id && n.IsLecture);
        if (!await lectures.AnyAsync(cancellationToken))
        {
            return null;
        }
        var annotations = reader.Visible(db.Annotations, db.Notes);
        var page = await lectures.PageAsync(n => n.CoursePosition,
            n => new Row(n.Title, n.Address, n.Path, n.FrontMatter, n.Media, n.Timestamps.Count(t => t.MediaIndex != null),
                annotations.Count(a => a.NoteId == n.Id), n.CoursePosition),
            r => r.CoursePosition, after, before, PageSize, cancellationToken);
        var recorded = await LectureLength.RecordedAsync(db, vault.Id, page.Items.Select(r => r.Media), cancellationToken);
        var shown = page.Items.Select(r => new CourseLecture(r.Title, r.Address, NoteListing.FolderOf(r.Path), r.Times,
            LectureLength.Of(NoteMetadata.Parse(r.FrontMatter), r.Media, recorded), r.Annotations)).ToList();
        return new CourseLectures(vault.Name, vault.Slug, new Listing<CourseLecture>(shown, page.AtStart, page.Previous, page.Next));
    }

    sealed record Row(string Title, string Address, string Path, string FrontMatter, List<string> Media, int Times, int Annotations, string CoursePosition);
}
