using Microsoft.EntityFrameworkCore;
using StudyHub.Web.Data;

namespace StudyHub.Web.Features.Notes;

public sealed record NotePreview(string Title, string Url, string Excerpt, IReadOnlyList<string> Tags);

public static class NotesFeature
{
    public static void AddNotes(this WebApplicationBuilder builder) => builder.Services.AddSingleton<NotePages>();

    /// Previews are asked for by what a link says after /notes/: a note's address, or an old one in HTML imported
    /// before the note moved.
    public static void MapNotes(this WebApplication app)
    {
        app.MapSiteFiles();
        app.MapGet("/api/previews/{**address}", async (string address, IDbContextFactory<StudyHubDbContext> contexts, HttpContext http,
            CancellationToken cancellationToken) =>
        {
            if (!NoteAddress.CanExist(address))
            {
                return Results.NotFound();
            }
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            var current = await db.Notes.AnyAsync(n => n.Address == address, cancellationToken)
                ? address
                : await NoteAddress.MovedAsync(db, address, cancellationToken);
            // Its text would hold the notes it embeds, so a share link's holder, who reads the note but not its vault, gets none.
            var note = await db.Notes.Where(n => n.Address == current && db.ReadableVaults.Contains(n.Vault))
                .Select(n => new { n.Title, n.Address, n.PlainText, n.Tags, n.Vault.MembersOnly })
                .FirstOrDefaultAsync(cancellationToken);
            if (note is null)
            {
                return Results.NotFound();
            }
            // A shared proxy must never hand a member's preview to someone else.
            http.Response.Headers.CacheControl = ReadAccess.None.MayReadVault(note.MembersOnly) ? "public, max-age=60" : "private, no-cache";
            return Results.Ok(new NotePreview(note.Title, NoteAddress.Href(note.Address), PlainText.Lead(note.PlainText, 400), note.Tags));
        })
        .WithName("GetNotePreview")
        .WithSummary("The start of a note, for link previews: /api/previews/{vault}/{folders}/{name}, as the note's address.")
        .Produces<NotePreview>()
        .Produces(StatusCodes.Status404NotFound);
    }
}
