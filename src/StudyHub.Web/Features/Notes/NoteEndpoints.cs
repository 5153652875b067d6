using Microsoft.EntityFrameworkCore;
using StudyHub.Web.Data;

namespace StudyHub.Web.Features.Notes;

public sealed record NotePreview(string Title, string Url, string Excerpt, IReadOnlyList<string> Tags);

public static class NoteEndpoints
{
    public static void AddNotes(this WebApplicationBuilder builder) => builder.Services.AddSingleton<NotePages>();

    public static void MapNotes(this WebApplication app) =>
        app.MapGet("/api/notes/{slug}/preview", async (string slug, IDbContextFactory<StudyHubDbContext> contexts, HttpContext http,
            CancellationToken cancellationToken) =>
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            var note = await db.Notes.Where(n => n.Slug == slug && n.DeletedAt == null)
                .Select(n => new { n.Title, n.Slug, n.PlainText, n.Tags, n.Vault.MembersOnly })
                .SingleOrDefaultAsync(cancellationToken);
            // Its text would hold the notes it embeds, so a share link's holder, who reads the note itself, gets none.
            if (note is null || (note.MembersOnly && !db.Access.Member))
            {
                return Results.NotFound();
            }
            // A shared proxy must never hand a member's preview to someone else.
            http.Response.Headers.CacheControl = note.MembersOnly ? "private, no-cache" : "public, max-age=60";
            return Results.Ok(new NotePreview(note.Title, $"/notes/{note.Slug}", PlainText.Lead(note.PlainText, 400), note.Tags));
        })
        .WithName("GetNotePreview")
        .WithSummary("The start of a note, for link previews.")
        .Produces<NotePreview>()
        .Produces(StatusCodes.Status404NotFound);
}
