using Microsoft.EntityFrameworkCore;
using StudyHub.Testing;
using StudyHub.Web.Features.Import;

namespace StudyHub.Corpus.Tests;

/// The Obsidian Help vault, a real vault nobody on the team wrote, against what Obsidian shows.
public sealed class HelpVaultImportTests(HelpVaultImportTests.HelpVaultApp app) : IClassFixture<HelpVaultImportTests.HelpVaultApp>
{
    /// The app with the Help vault imported once for the whole class; FirstImport is that import's report.
    public sealed class HelpVaultApp : StudyHubApp
    {
        public ImportReport FirstImport { get; private set; } = null!;

        public override async Task InitializeAsync()
        {
            await base.InitializeAsync();
            FirstImport = await ImportVaultAsync(RepositoryFiles.Shared("corpora", "obsidian-help-en"), "help");
        }
    }

    ImportReport FirstImport => app.FirstImport;

    [Fact]
    public void ItImportsWithNoErrorAndTheExpectedCounts()
    {
        Assert.Equal((173, 133, 133), (FirstImport.NotesAdded, FirstImport.Attachments, FirstImport.AttachmentsAdded));
        Assert.Empty(FirstImport.Warnings);
        var missing = Assert.Single(FirstImport.MissingAttachments);
        Assert.Equal(("obsidian-cli.mp4", "Extending Obsidian/Obsidian CLI.md"), (missing.Name, missing.NotePath));
        // The only links to a note that does not exist are the examples in "Internal links", wikilink and markdown alike.
        Assert.Equal(["Example"], FirstImport.UnresolvedLinks.Select(l => l.Target).Distinct());
        Assert.Equal(6, FirstImport.UnresolvedLinks.Count);
    }

    [Fact]
    public async Task ReimportingItChangesNothing()
    {
        var again = await app.ImportVaultAsync(RepositoryFiles.Shared("corpora", "obsidian-help-en"), "help");

        Assert.Equal((0, 0, 173, 0), (again.NotesAdded, again.NotesChanged, again.NotesUnchanged, again.AttachmentsAdded));
    }

    [Fact]
    public async Task EmbedFilesRendersAsObsidianShowsIt()
    {
        var html = await HtmlOfAsync("Linking notes and files/Embed files.md");

        // "> [!tip]- Drag and drop embed": a tip callout, folded.
        Assert.Contains("""<div class="callout" data-callout="tip" data-callout-fold="-">""" + "\n<details>\n" + """<summary class="callout-title">Drag and drop embed</summary>""", html, StringComparison.Ordinal);
        // "![[Internal links#^b15695]]": the block itself, transcluded, linking back to it.
        Assert.Contains("""<a class="wikilink" href="/notes/help/linking-notes-and-files/internal-links#^b15695">Internal links &gt; ^b15695</a>""", html, StringComparison.Ordinal);
        Assert.Contains("""<p id="^b15695">Learn how to link to notes, attachments, and other files from your notes""", html, StringComparison.Ordinal);
        // "[[Internal links#Link to a heading in a note|headings]]": a heading link under its alias.
        Assert.Contains("""<a class="wikilink" href="/notes/help/linking-notes-and-files/internal-links#link-to-a-heading-in-a-note">headings</a>""", html, StringComparison.Ordinal);
        // "![[Engelbart.jpg#outline|100]]": the image at width 100, served from the vault; its height keeps the 200×289
        // JPEG's proportions, so the page keeps its place before it loads.
        Assert.Matches("""<img src="/attachments/[0-9a-f]{64}/Engelbart.jpg" alt="Engelbart.jpg" width="100" height="144" loading="lazy"( /)?>""", html);
        // "![[Search#Embed search results in a note]]": a section of another note, transcluded.
        Assert.Contains("""<div class="embed-note" data-target="Search">""", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheMissingVideoIsAPlaceholderNotABrokenPlayer()
    {
        var html = await HtmlOfAsync("Extending Obsidian/Obsidian CLI.md");

        Assert.Contains("Missing attachment: obsidian-cli.mp4", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<video", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HeadingsGetTheIdsTheirLinksUse()
    {
        var html = await HtmlOfAsync("Linking notes and files/Internal links.md");

        Assert.Contains("""<h2 id="link-to-a-heading-in-a-note">Link to a heading in a note</h2>""", html, StringComparison.Ordinal);
    }

    async Task<string> HtmlOfAsync(string path)
    {
        await using var db = app.Database.CreateContext();
        return await db.Notes.Where(n => n.Path == path && n.Vault.Name == "help").Select(n => n.Html).SingleAsync();
    }
}
