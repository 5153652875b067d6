using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using StudyHub.Markdown;
using StudyHub.Testing;
using StudyHub.Web.Features.Notes;

namespace StudyHub.Web.Tests.Reading;

/// Notes a site stored before its upgrade read as notes imported afterwards: their title heading leaves the HTML.
public sealed class TitleHeadingMigrationTests(StudyHubApp app) : IClassFixture<StudyHubApp>
{
    const string Migration = "NotesStartAfterTheirTitleHeading";

    [Fact]
    public async Task StoredNotesLoseTheTitleHeadingTheyOpenWithAsAnImportNowLeavesIt()
    {
        using var vault = new TempVault("titled")
            .Write("Attention.md", "# Attention\n\nBody.\n\n## Part\n\nMore.")
            .Write("Don't panic.md", "# don't PANIC\n\nBody.")
            .Write("Q&A \"live\".md", "# Q&A \"live\"\n\nBody.")
            .Write("Café 🎓.md", "# Café 🎓\n\nBody.")
            .Write("Overview.md", "# Summary\n\nBody.");
        await app.ImportVaultAsync(vault.Root);
        var imported = await StoredAsync();
        Assert.Equal([9, 6, 10, 0, 9], imported.Select(n => NoteReading.FromJson(n.Reading).TextBeforeHtml));

        // As the version before stored them: the heading opens the HTML and the contents.
        await StoreAsBeforeAsync(new()
        {
            ["Attention.md"] = new(1, "attention", "Attention"),
            ["Don't panic.md"] = new(1, "dont-panic", "don't PANIC"),
            ["Q&A \"live\".md"] = new(1, "qa-live", "Q&A \"live\""),
            ["Café 🎓.md"] = new(1, "café", "Café 🎓"),
        });
        await using (var db = app.Database.CreateContext())
        {
            var migrations = db.Database.GetMigrations().ToList();
            var migrator = db.GetService<IMigrator>();
            await migrator.MigrateAsync(migrations[migrations.FindIndex(m => m.EndsWith(Migration, StringComparison.Ordinal)) - 1]);
            await migrator.MigrateAsync();
        }

        Assert.Equal(imported, await StoredAsync());
    }

    async Task StoreAsBeforeAsync(Dictionary<string, OutlineHeading> titleHeadings)
    {
        await using var db = app.Database.CreateContext();
        foreach (var (path, heading) in titleHeadings)
        {
            var note = await db.Notes.SingleAsync(n => n.Path == path);
            var reading = NoteReading.FromJson(note.Reading);
            Assert.NotEqual(0, reading.TextBeforeHtml);
            note.Html = $"<h1 id=\"{heading.Id}\">{MarkdigEscaped(heading.Text)}</h1>\n{note.Html}";
            note.Reading = JsonSerializer.Serialize(new { Toc = reading.Toc.Prepend(heading), reading.Backlinks, reading.Outgoing, reading.Markers, reading.Description });
        }
        await db.SaveChangesAsync();
    }

    static string MarkdigEscaped(string text) =>
        text.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;").Replace("\"", "&quot;");

    async Task<List<(string Path, string Html, string Reading)>> StoredAsync()
    {
        await using var db = app.Database.CreateContext();
        var notes = await db.Notes.Where(n => n.Vault.Slug == "titled").OrderBy(n => n.Path).Select(n => new { n.Path, n.Html, n.Reading }).ToListAsync();
        return [.. notes.Select(n => (n.Path, n.Html, NoteReading.FromJson(n.Reading).ToJson()))];
    }
}
