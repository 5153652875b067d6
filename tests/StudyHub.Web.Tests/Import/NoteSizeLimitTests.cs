using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using StudyHub.Testing;
using StudyHub.Web.Data;
using StudyHub.Web.Features.Accounts;

namespace StudyHub.Web.Tests.Import;

/// A note over Import:Limits:MaxNoteBytes: left out of the import, named in its report with its size and the limit.
public sealed class NoteSizeLimitTests(NoteSizeLimitTests.SmallNotesApp app) : IClassFixture<NoteSizeLimitTests.SmallNotesApp>
{
    public sealed class SmallNotesApp : StudyHubApp
    {
        public const int MaxNoteBytes = 10_000;

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Import:Limits:MaxNoteBytes", MaxNoteBytes.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        public override async Task InitializeAsync()
        {
            await base.InitializeAsync();
            await CreateUserAsync("editor@example.org", Roles.Editor);
        }
    }

    [Fact]
    public async Task TheImportReportPageNamesTheNoteLeftOutWithItsSizeAndTheLimit()
    {
        using var vault = new TempVault("report").Write("Lectures/Transcript.md", "# Transcript\n\n" + new string('a', 20_000)).Write("Short.md", "# Short");

        var report = await app.ImportVaultAsync(vault.Root);

        using var editor = await app.ClientAsync("editor@example.org");
        var page = WebUtility.HtmlDecode(await editor.GetStringAsync(new Uri($"/admin/imports/{report.RunId}", UriKind.Relative)));
        Assert.Contains("<div><dt>Notes added</dt><dd>1</dd></div>", page, StringComparison.Ordinal);
        Assert.Contains("<strong>Lectures/Transcript.md</strong> Not imported: the note is 19.5 KB (20,014 bytes), over the limit of 9.8 KB for one note "
            + "(Import:Limits:MaxNoteBytes). Split it into smaller notes", page, StringComparison.Ordinal);
        using var missing = await editor.GetAsync(new Uri("/notes/report/lectures/transcript", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task ANoteThatGrowsOverTheLimitLeavesAndComesBackWithItsIdentityWhenItFitsAgain()
    {
        using var vault = new TempVault("growing").Write("Notes.md", "# Notes\n\nShort at first.");
        await app.ImportVaultAsync(vault.Root);
        await using var db = app.Database.CreateContext();
        var id = await db.Notes.Where(n => n.Vault.Name == "growing").Select(n => n.Id).SingleAsync();

        var grown = await app.ImportVaultAsync(vault.Write("Notes.md", "# Notes\n\n" + new string('b', 20_000)).Root);
        var removed = await db.Notes.IgnoreQueryFilters([NoteFilters.NotDeleted]).AsNoTracking().SingleAsync(n => n.Id == id);
        var shrunk = await app.ImportVaultAsync(vault.Write("Notes.md", "# Notes\n\nShort again.").Root);
        var back = await db.Notes.AsNoTracking().SingleAsync(n => n.Id == id);

        Assert.Equal((1, "Notes.md"), (grown.NotesRemoved, Assert.Single(grown.Warnings).Path));
        Assert.NotNull(removed.DeletedAt);
        Assert.Equal((1, 0), (shrunk.NotesChanged, shrunk.NotesAdded));
        Assert.Null(back.DeletedAt);
        Assert.Contains("Short again.", back.Html, StringComparison.Ordinal);
    }
}
