using Microsoft.EntityFrameworkCore;
using StudyHub.Markdown;
using StudyHub.Web.Data;

namespace StudyHub.Web.Features.Annotations;

public sealed record CommentView(Guid Id, Guid? AnnotationId, string Author, string Body, string BodyHtml, string Visibility,
    bool Mine, bool MayDelete, bool Hidden, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

/// Where the page paints an annotation, as Anchoring placed it: the note's characters other than whitespace from
/// From to To, and the words it paints there (the page paints nothing if its own text says otherwise).
public sealed record Highlight(int From, int To, string Text);

/// An annotation as one reader may see it: the passage as quoted and where it stands now (no highlight: it is no
/// longer in the note), the comment rendered safely, what this reader may do with it, and its replies. CueRecording:
/// set for an annotation on what was said, the recording whose transcript said it. MediaRecording: the recording
/// MediaSeconds is a moment of (0 the first).
public sealed record AnnotationView(Guid Id, string Quote, int Start, int Length, string Status, Highlight? Highlight,
    string? Heading, int? MediaSeconds, string Author, string Body, string BodyHtml, string Visibility, bool Mine, bool MayDelete,
    bool MayResolve, bool Resolved, bool Hidden, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, IReadOnlyList<CommentView> Replies,
    int? CueRecording = null, int MediaRecording = 0);

/// A note's discussion as one reader saw it when DiscussionPanel loaded it, kept from its prerendering for its circuit.
/// SharedNoteId: the note when the page was opened with its share link, which the circuit has no request to read from.
public sealed record DiscussionShown(Guid NoteId, Guid? SharedNoteId, List<AnnotationView> Annotations, List<CommentView> Comments);

/// Reads a note's discussion as one reader may see it.
public static class DiscussionViews
{
    /// The note's annotations and its comments, as the reader may see them, on a context reading notes as they may.
    public static async Task<DiscussionShown> ShownAsync(StudyHubDbContext db, Guid noteId, Guid? sharedNoteId, Reader reader,
        CancellationToken cancellationToken) => new(noteId, sharedNoteId,
        await AnnotationsAsync(db, db.Annotations.Where(a => a.NoteId == noteId), reader, cancellationToken),
        await CommentsAsync(db, db.Comments.Where(c => c.NoteId == noteId && c.AnnotationId == null), reader, cancellationToken));

    public static async Task<List<AnnotationView>> AnnotationsAsync(StudyHubDbContext db, IQueryable<Annotation> annotations, Reader reader,
        CancellationToken cancellationToken)
    {
        var rows = await reader.Visible(annotations, db.Notes).OrderBy(a => a.Start).ThenBy(a => a.CreatedAt)
            .Join(db.Users, a => a.AuthorId, u => u.Id, (a, u) => new { Annotation = a, Author = u.DisplayName })
            .ToListAsync(cancellationToken);
        var noteIds = rows.Select(r => r.Annotation.NoteId).Distinct().ToList();
        var texts = await db.Notes.Where(n => noteIds.Contains(n.Id)).Select(n => new { n.Id, n.PlainText }).ToDictionaryAsync(n => n.Id, n => n.PlainText, cancellationToken);
        var ids = rows.Select(r => r.Annotation.Id).ToList();
        var replies = (await CommentsAsync(db, db.Comments.Where(c => c.AnnotationId != null && ids.Contains(c.AnnotationId.Value)), reader, cancellationToken))
            .ToLookup(c => c.AnnotationId);
        return rows.Select(r => View(r.Annotation, r.Author, reader, [.. replies[r.Annotation.Id]], texts[r.Annotation.NoteId])).ToList();
    }

    public static async Task<List<CommentView>> CommentsAsync(StudyHubDbContext db, IQueryable<Comment> comments, Reader reader,
        CancellationToken cancellationToken)
    {
        var rows = await reader.Visible(comments, db.Annotations, db.Notes).OrderBy(c => c.CreatedAt)
            .Join(db.Users, c => c.AuthorId, u => u.Id, (c, u) => new { Comment = c, Author = u.DisplayName })
            .ToListAsync(cancellationToken);
        return rows.Select(r => View(r.Comment, r.Author, reader)).ToList();
    }

    public static AnnotationView View(Annotation a, string author, Reader reader, IReadOnlyList<CommentView> replies, string noteText) =>
        new(a.Id, a.Quote, a.Start, a.Length, a.Status.ToString(), HighlightOf(a, noteText), a.Heading, a.MediaSeconds, author,
            a.Body, ReaderMarkdown.ToHtml(a.Body), a.Visibility.ToString(), a.AuthorId == reader.Id, reader.MayDelete(a.AuthorId),
            reader.MayResolve(a.AuthorId), a.ResolvedAt is not null, a.HiddenAt is not null, a.CreatedAt, a.UpdatedAt, replies, a.CueRecording, a.MediaRecording);

    static Highlight? HighlightOf(Annotation a, string noteText)
    {
        if (a.OnCue || a.Status == AnchorStatus.Orphaned || a.Length == 0 || a.Start + a.Length > noteText.Length)
        {
            return null;
        }
        var (from, to) = Anchoring.OnPage(noteText, a.Start, a.Length);
        return new Highlight(from, to, noteText.Substring(a.Start, a.Length));
    }

    public static CommentView View(Comment c, string author, Reader reader) =>
        new(c.Id, c.AnnotationId, author, c.Body, ReaderMarkdown.ToHtml(c.Body), c.Visibility.ToString(), c.AuthorId == reader.Id,
            reader.MayDelete(c.AuthorId), c.HiddenAt is not null, c.CreatedAt, c.UpdatedAt);
}
