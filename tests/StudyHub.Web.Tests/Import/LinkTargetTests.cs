using Microsoft.EntityFrameworkCore;
using StudyHub.Testing;
using StudyHub.Web.Features.Notes;

namespace StudyHub.Web.Tests.Import;

public sealed class LinkTargetTests(StudyHubApp app) : IClassFixture<StudyHubApp>
{
    // Seen in a real vault: "Yi.md" links [[01.AI]], the note "01.AI.md". ".AI" is no format Obsidian opens, so
    // Obsidian reads a note's name; a file of another extension is one when the vault holds it.
    [Fact]
    public async Task ANoteNameWithADotNamesANoteUnlessTheVaultHasSuchAFile()
    {
        using var vault = new TempVault("dotted")
            .Write("Yi.md", "By [[01.AI]], not [[Node.js]]; see ![[data.zip]] and ![[chart.png]].")
            .Write("01.AI.md", "A company.")
            .Write("data.zip", [1, 2, 3]);

        var report = await app.ImportVaultAsync(vault.Root);

        Assert.Equal(["Node.js"], report.UnresolvedLinks.Select(l => l.Target));
        Assert.Equal(["chart.png"], report.MissingAttachments.Select(m => m.Name));
        await using var db = app.Database.CreateContext();
        var company = await db.Notes.SingleAsync(n => n.Path == "01.AI.md" && n.Vault.Name == "dotted");
        var yi = await db.Notes.SingleAsync(n => n.Path == "Yi.md" && n.Vault.Name == "dotted");
        Assert.Contains($"""<a class="wikilink" href="{NoteAddress.Href(company.Address)}">01.AI</a>""", yi.Html, StringComparison.Ordinal);
        Assert.Contains("""<a class="embed-download" href="/attachments/""", yi.Html, StringComparison.Ordinal);
        Assert.Equal(1, await db.NoteLinks.CountAsync(l => l.NoteId == yi.Id && l.TargetNoteId == company.Id));
    }
}
