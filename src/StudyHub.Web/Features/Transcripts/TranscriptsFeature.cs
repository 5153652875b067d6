using Microsoft.EntityFrameworkCore;
using StudyHub.Web.Data;
using StudyHub.Web.Features.Video;

namespace StudyHub.Web.Features.Transcripts;

/// What was said at a moment of one of a note's recordings, as a time written in the note shows it on pointing.
public sealed record SaidAt(int Second, string Time, string Words, string? Speaker);

public static class TranscriptsFeature
{
    /// Times in notes are whole seconds and often written just before the words: this long after, a cue still counts.
    public const int SaidSoonAfterMilliseconds = 5_000;

    /// Under /api/notes, so the reading cache keeps a visitor's answers per content version, which cues move (ShownTables);
    /// db.Notes reads only what the reader may (ReadAccess), so a note the reader may not read has nothing said.
    public static void MapTranscripts(this WebApplication app) =>
        app.MapGet("/api/notes/{slug}/said", async (string slug, int at, IDbContextFactory<StudyHubDbContext> contexts, CancellationToken cancellationToken) =>
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            var noteId = await db.Notes.Where(n => n.Slug == slug).Select(n => (Guid?)n.Id).SingleOrDefaultAsync(cancellationToken);
            if (noteId is null || at is < 0 or > Annotations.DiscussionLimits.MediaSeconds)
            {
                return Results.NotFound();
            }
            // The recording the note's own time at that second seeks; otherwise the lecture, the first.
            var recording = await db.NoteTimestamps.Where(t => t.NoteId == noteId && t.Seconds == at && t.MediaIndex != null)
                .Select(t => t.MediaIndex).FirstOrDefaultAsync(cancellationToken) ?? 0;
            var cues = db.TranscriptCues.Where(c => c.NoteId == noteId && c.MediaIndex == recording);
            var moment = at * 1000;
            var cue = await cues.Where(c => c.Start <= moment && c.End > moment).OrderByDescending(c => c.Start).FirstOrDefaultAsync(cancellationToken)
                ?? await cues.Where(c => c.Start >= moment && c.Start < moment + SaidSoonAfterMilliseconds).OrderBy(c => c.Start).FirstOrDefaultAsync(cancellationToken);
            return cue is null
                ? Results.NotFound()
                : Results.Ok(new SaidAt(cue.Start / 1000, LectureTime.Format(cue.Start / 1000), cue.Text, cue.Speaker));
        })
        .WithName("GetWordsSaid")
        .WithSummary("What was said at a second (?at=) of the note's recording that its time at that second seeks: the cue being said then, or starting within 5 s after.")
        .Produces<SaidAt>()
        .Produces(StatusCodes.Status404NotFound);
}
