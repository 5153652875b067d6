using Microsoft.EntityFrameworkCore;
using StudyHub.Web.Data;
using StudyHub.Web.Features.Notes;

namespace StudyHub.Web.Features.Video;

public sealed record NoteMediaItem(string Provider, string Kind, string Url, string EmbedUrl, int? Start);

public sealed record NoteTime(int Seconds, string Text, string Context, int? MediaIndex, string Href, string? ProviderLink);

public sealed record NoteMedia(string Note, IReadOnlyList<NoteMediaItem> Media, IReadOnlyList<NoteTime> Times);

public static class VideoFeature
{
    public static void MapVideo(this WebApplication app) =>
        app.MapGet("/api/notes/{slug}/media", async (string slug, IDbContextFactory<StudyHubDbContext> contexts, CancellationToken cancellationToken) =>
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            var note = await db.Notes.Where(n => n.Slug == slug)
                .Select(n => new { n.Id, n.Slug, n.Address, n.Media })
                .SingleOrDefaultAsync(cancellationToken);
            if (note is null)
            {
                return Results.NotFound();
            }
            var times = await db.NoteTimestamps.Where(t => t.NoteId == note.Id).OrderBy(t => t.Offset).ToListAsync(cancellationToken);
            var media = note.Media.Select(url => (Url: url, Source: MediaSource.FromUrl(url))).Where(m => m.Source is not null).ToList();
            return Results.Ok(new NoteMedia(
                note.Slug,
                media.Select(m => new NoteMediaItem(m.Source!.Provider.ToString(), m.Source.Kind.ToString(), m.Url, m.Source.EmbedUrl(), m.Source.Start)).ToList(),
                times.Select(t => new NoteTime(t.Seconds, t.Text, t.Context, t.MediaIndex, NoteAddress.Href(note.Address, t.Seconds),
                    t.MediaIndex is { } index && index < media.Count ? media[index].Source!.LinkAt(t.Seconds) : null)).ToList()));
        })
        .WithName("GetNoteMedia")
        .WithSummary("The recordings of a note and every time it mentions, with where each time seeks.")
        .Produces<NoteMedia>()
        .Produces(StatusCodes.Status404NotFound);
}
