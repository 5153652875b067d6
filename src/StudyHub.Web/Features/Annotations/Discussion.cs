using Microsoft.EntityFrameworkCore;
using StudyHub.Web.Data;

namespace StudyHub.Web.Features.Annotations;

/// Why a change to a discussion was not made. The API answers 404, 403, 400 or 409; the panel says so in words.
public enum Refused { Nothing, NotFound, Forbidden, Invalid, IdTaken }

/// What came of a change: the entry as the reader now sees it, or why it was refused and, when Invalid, each field's
/// broken limits.
public sealed record Outcome<T>(T? Value, Refused Refused, IReadOnlyDictionary<string, string[]> Problems)
{
    public static implicit operator Outcome<T>(T value) => new(value, Refused.Nothing, Empty);

    public static implicit operator Outcome<T>(Refused refused) => new(default, refused, Empty);

    public static implicit operator Outcome<T>(Problems problems) => new(default, Refused.Invalid, problems);

    static readonly Dictionary<string, string[]> Empty = [];
}

/// Every change a reader makes to a note's discussion, with its limits and permissions, whether it comes through the
/// API or the panel's circuit. The database context must read notes as the reader may (ReadAccess); the author's name
/// is only what a new entry's view shows.
public static class Discussion
{
    public static async Task<Outcome<AnnotationView>> AnnotateAsync(StudyHubDbContext db, Reader reader, string authorName, string slug,
        NewAnnotation input, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var problems = new Problems().Body(input.Body).Visibility(input.Visibility, out var visibility).MediaSeconds(input.MediaSeconds).PostId(input.Id)
            .Check("quote", input.Quote is not { Length: > 0 and <= DiscussionLimits.Quote }, $"Select a passage of up to {DiscussionLimits.Quote} characters.")
            .Check("prefix", input.Prefix?.Length > DiscussionLimits.Context, $"Send up to {DiscussionLimits.Context} characters before the passage.")
            .Check("suffix", input.Suffix?.Length > DiscussionLimits.Context, $"Send up to {DiscussionLimits.Context} characters after the passage.")
            .Check("heading", input.Heading?.Length > DiscussionLimits.Heading, $"A heading has up to {DiscussionLimits.Heading} characters.")
            .Check("start", input.Start is < 0, "A place in the note is not negative.");
        if (problems.Count > 0)
        {
            return problems;
        }
        var note = await db.Notes.Where(n => n.Slug == slug)
            .Select(n => new { n.Id, n.PlainText, Recordings = n.Media.Count, Revision = n.Revisions.Max(r => (int?)r.Number) ?? 0 })
            .SingleOrDefaultAsync(cancellationToken);
        if (note is null)
        {
            return Refused.NotFound;
        }
        if (input.Cue is { } cue)
        {
            return await AnnotateCueAsync(db, reader, authorName, note.Id, note.Revision, cue, input, visibility, now, cancellationToken);
        }
        if (problems.Check("start", input.Start > note.PlainText.Length, "The place given is past the end of the note.")
            .Check("mediaRecording", input.MediaRecording is not null && input.MediaSeconds is null, "A recording is named with the time in it; send mediaSeconds too.")
            .Check("mediaRecording", input.MediaRecording is < 0 || input.MediaRecording >= note.Recordings,
                $"The note has {note.Recordings} recording{(note.Recordings == 1 ? "" : "s")}; mediaRecording counts them from 0.").Count > 0)
        {
            return problems;
        }
        if (Locate(note.PlainText, input) is not var (start, length))
        {
            return problems.Check("quote", true, "The passage is not in the note.");
        }
        var anchor = TextAnchor.Of(note.PlainText, start, length);
        var annotation = new Annotation
        {
            Id = input.Id ?? Guid.CreateVersion7(), NoteId = note.Id, AuthorId = reader.Id!, Quote = anchor.Quote, Prefix = anchor.Prefix, Suffix = anchor.Suffix, Start = anchor.Start,
            Length = length, Status = AnchorStatus.Anchored, RevisionNumber = note.Revision, Heading = input.Heading,
            MediaSeconds = input.MediaSeconds, MediaRecording = input.MediaRecording ?? 0, Body = input.Body, Visibility = visibility, CreatedAt = now, UpdatedAt = now,
        };
        if (await DiscussionChanges.PostOnceAsync(db, annotation, cancellationToken) is not { } posted)
        {
            return Refused.IdTaken;
        }
        return DiscussionViews.View(posted, authorName, reader, [], note.PlainText);
    }

    /// What was said at a cue is quoted as the transcript says it now; a page showing older words is told to reload.
    static async Task<Outcome<AnnotationView>> AnnotateCueAsync(StudyHubDbContext db, Reader reader, string authorName, Guid noteId, int revision,
        CueAt cue, NewAnnotation input, AnnotationVisibility visibility, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var said = await db.TranscriptCues.Where(c => c.NoteId == noteId && c.MediaIndex == cue.Recording && c.Start == cue.Start)
            .OrderBy(c => c.Id).Select(c => c.Text).FirstOrDefaultAsync(cancellationToken);
        var problems = new Problems()
            .Check("cue", said is null, "Nothing is said at that moment of the recording's transcript; reload the page.")
            .Check("mediaSeconds", input.MediaSeconds is not null || input.MediaRecording is not null, "An annotation on what was said takes the moment of its cue; send no time.")
            .Check("quote", said is not null && Squeezed(said) != Squeezed(input.Quote), "The transcript says something else at that moment now; reload the page.");
        if (problems.Count > 0)
        {
            return problems;
        }
        var annotation = new Annotation
        {
            Id = input.Id ?? Guid.CreateVersion7(), NoteId = noteId, AuthorId = reader.Id!, Quote = said!, Status = AnchorStatus.Anchored,
            RevisionNumber = revision, CueRecording = cue.Recording, MediaRecording = cue.Recording, MediaSeconds = cue.Start / 1000, Body = input.Body, Visibility = visibility,
            CreatedAt = now, UpdatedAt = now,
        };
        return await DiscussionChanges.PostOnceAsync(db, annotation, cancellationToken) is { } posted
            ? DiscussionViews.View(posted, authorName, reader, [], "")
            : Refused.IdTaken;
    }

    static string Squeezed(string text) => string.Concat(text.Where(c => !char.IsWhiteSpace(c)));

    /// The exact place when the caller gives one that holds the quote, else wherever the page's text matches.
    static (int Start, int Length)? Locate(string text, NewAnnotation input) =>
        input.Start is { } start && start >= 0 && start + input.Quote.Length <= text.Length
            && string.CompareOrdinal(text, start, input.Quote, 0, input.Quote.Length) == 0
            ? (start, input.Quote.Length)
            : Anchoring.FindSelection(text, input.Quote, input.Prefix ?? "", input.Suffix ?? "");

    public static async Task<Outcome<AnnotationView>> ChangeAnnotationAsync(StudyHubDbContext db, Reader reader, Guid id, AnnotationChange change,
        DateTimeOffset now, CancellationToken cancellationToken)
    {
        var annotation = await reader.Visible(db.Annotations.Where(a => a.Id == id), db.Notes).SingleOrDefaultAsync(cancellationToken);
        if (annotation is null)
        {
            return Refused.NotFound;
        }
        var edits = change.Body is not null || change.Visibility is not null || change.MediaSeconds is not null || change.RemoveMediaSeconds;
        if ((edits && !reader.MayEdit(annotation.AuthorId)) || (change.Resolved is not null && !reader.MayResolve(annotation.AuthorId))
            || (change.Hidden is not null && !reader.Moderates))
        {
            return Refused.Forbidden;
        }
        var visibility = annotation.Visibility;
        var problems = new Problems().MediaSeconds(change.MediaSeconds)
            .Check("mediaSeconds", annotation.OnCue && (change.MediaSeconds is not null || change.RemoveMediaSeconds), "An annotation on what was said keeps the moment it was said.");
        if (change.Body is not null)
        {
            problems.Body(change.Body);
        }
        if (change.Visibility is not null)
        {
            problems.Visibility(change.Visibility, out visibility);
        }
        if (problems.Count > 0)
        {
            return problems;
        }
        annotation.Body = change.Body ?? annotation.Body;
        annotation.Visibility = visibility;
        annotation.MediaSeconds = change.RemoveMediaSeconds ? null : change.MediaSeconds ?? annotation.MediaSeconds;
        annotation.ResolvedAt = change.Resolved switch { true => annotation.ResolvedAt ?? now, false => null, null => annotation.ResolvedAt };
        annotation.HiddenAt = change.Hidden switch { true => annotation.HiddenAt ?? now, false => null, null => annotation.HiddenAt };
        if (edits)
        {
            annotation.UpdatedAt = now;
        }
        await DiscussionChanges.SaveAndAnnounceAsync(db, annotation.NoteId, cancellationToken);
        return (await DiscussionViews.AnnotationsAsync(db, db.Annotations.Where(a => a.Id == id), reader, cancellationToken)).Single();
    }

    public static async Task<Outcome<CommentView>> ReplyAsync(StudyHubDbContext db, Reader reader, string authorName, Guid annotationId, NewComment input,
        DateTimeOffset now, CancellationToken cancellationToken)
    {
        var problems = new Problems().Body(input.Body).PostId(input.Id);
        if (problems.Count > 0)
        {
            return problems;
        }
        var annotation = await reader.Visible(db.Annotations.Where(a => a.Id == annotationId), db.Notes).Select(a => new { a.NoteId, a.Visibility })
            .SingleOrDefaultAsync(cancellationToken);
        if (annotation is null)
        {
            return Refused.NotFound;
        }
        var reply = new Comment
        {
            Id = input.Id ?? Guid.CreateVersion7(), NoteId = annotation.NoteId, AnnotationId = annotationId, AuthorId = reader.Id!, Body = input.Body,
            Visibility = annotation.Visibility, CreatedAt = now, UpdatedAt = now,
        };
        return await DiscussionChanges.PostOnceAsync(db, reply, cancellationToken) is { } posted
            ? DiscussionViews.View(posted, authorName, reader)
            : Refused.IdTaken;
    }

    public static async Task<Outcome<CommentView>> CommentAsync(StudyHubDbContext db, Reader reader, string authorName, string slug, NewComment input,
        DateTimeOffset now, CancellationToken cancellationToken)
    {
        var visibility = AnnotationVisibility.Members;
        var problems = new Problems().Body(input.Body).PostId(input.Id);
        if (input.Visibility is not null)
        {
            problems.Visibility(input.Visibility, out visibility);
        }
        if (problems.Count > 0)
        {
            return problems;
        }
        if (await AnnotationsFeature.NoteIdAsync(db, slug, cancellationToken) is not { } noteId)
        {
            return Refused.NotFound;
        }
        var comment = new Comment { Id = input.Id ?? Guid.CreateVersion7(), NoteId = noteId, AuthorId = reader.Id!, Body = input.Body, Visibility = visibility, CreatedAt = now, UpdatedAt = now };
        return await DiscussionChanges.PostOnceAsync(db, comment, cancellationToken) is { } posted
            ? DiscussionViews.View(posted, authorName, reader)
            : Refused.IdTaken;
    }

    public static async Task<Outcome<CommentView>> ChangeCommentAsync(StudyHubDbContext db, Reader reader, Guid id, CommentChange change,
        DateTimeOffset now, CancellationToken cancellationToken)
    {
        var comment = await reader.Visible(db.Comments.Where(c => c.Id == id), db.Annotations, db.Notes).SingleOrDefaultAsync(cancellationToken);
        if (comment is null)
        {
            return Refused.NotFound;
        }
        if ((change.Body is not null && !reader.MayEdit(comment.AuthorId)) || (change.Hidden is not null && !reader.Moderates))
        {
            return Refused.Forbidden;
        }
        if (change.Body is not null && new Problems().Body(change.Body) is { Count: > 0 } problems)
        {
            return problems;
        }
        if (change.Body is not null)
        {
            (comment.Body, comment.UpdatedAt) = (change.Body, now);
        }
        comment.HiddenAt = change.Hidden switch { true => comment.HiddenAt ?? now, false => null, null => comment.HiddenAt };
        await DiscussionChanges.SaveAndAnnounceAsync(db, comment.NoteId, cancellationToken);
        return DiscussionViews.View(comment, await db.Users.Where(u => u.Id == comment.AuthorId).Select(u => u.DisplayName).SingleAsync(cancellationToken), reader);
    }

    /// Deletes an annotation and its replies.
    public static Task<Refused> DeleteAnnotationAsync(StudyHubDbContext db, Reader reader, Guid id, CancellationToken cancellationToken) =>
        DeleteAsync(db, reader.Visible(db.Annotations.Where(a => a.Id == id), db.Notes), reader, cancellationToken);

    public static Task<Refused> DeleteCommentAsync(StudyHubDbContext db, Reader reader, Guid id, CancellationToken cancellationToken) =>
        DeleteAsync(db, reader.Visible(db.Comments.Where(c => c.Id == id), db.Annotations, db.Notes), reader, cancellationToken);

    /// An entry its author, or a moderator, may delete; one the reader may not see is not found.
    static async Task<Refused> DeleteAsync<T>(StudyHubDbContext db, IQueryable<T> visible, Reader reader, CancellationToken cancellationToken)
        where T : class, IDiscussionEntry
    {
        var entry = await visible.SingleOrDefaultAsync(cancellationToken);
        if (entry is null)
        {
            return Refused.NotFound;
        }
        if (!reader.MayDelete(entry.AuthorId))
        {
            return Refused.Forbidden;
        }
        db.Remove(entry);
        await DiscussionChanges.SaveAndAnnounceAsync(db, entry.NoteId, cancellationToken);
        return Refused.Nothing;
    }
}
