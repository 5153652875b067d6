using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using StudyHub.Testing;
using StudyHub.Web.Data;

namespace StudyHub.Web.Tests.Security;

/// The read rule is written once for LINQ (the notes' named query filters) and once for raw SQL (studyhub_readable_notes),
/// so that a new query cannot forget it: a plain db.Notes leaves out removed notes and what the reader may not read, and
/// raw SQL reads notes only through the function, which lists what the filters let through. Which vaults are readable is
/// one SQL function, studyhub_readable_vaults, that both read, and LINQ as db.ReadableVaults.
public sealed partial class ReadRuleTests(ReadRuleTests.ThreeNotes app) : IClassFixture<ReadRuleTests.ThreeNotes>
{
    public sealed class ThreeNotes : StudyHubApp
    {
        public Guid Shared { get; private set; }

        public override async Task InitializeAsync()
        {
            await base.InitializeAsync();
            using var open = new TempVault("open").Write("Open.md", "In the open.").Write("Removed.md", "Soon gone.");
            using var closed = new TempVault("closed").Write("Closed.md", "For members.").Write("Shared.md", "Shared by a link.");
            await ImportVaultAsync(open.Root, "open");
            await ImportVaultAsync(open.Delete("Removed.md").Root, "open");
            await ImportVaultAsync(closed.Root, "closed");
            await using var db = Database.CreateContext();
            await db.Vaults.Where(v => v.Name == "closed").ExecuteUpdateAsync(v => v.SetProperty(x => x.MembersOnly, true));
            Shared = await db.Notes.Where(n => n.Path == "Shared.md").Select(n => n.Id).SingleAsync();
        }
    }

    public static TheoryData<string> Readers => ["visitor", "member", "share holder"];

    ReadAccess Access(string reader) => reader switch
    {
        "visitor" => ReadAccess.None,
        "member" => new ReadAccess(true, null),
        _ => new ReadAccess(false, app.Shared),
    };

    [Fact]
    public async Task APlainNotesQueryLeavesOutRemovedNotesUnlessItAsksForThemByName()
    {
        await using var db = app.Database.CreateContext();

        Assert.DoesNotContain("Removed.md", await db.Notes.Select(n => n.Path).ToListAsync());
        Assert.Contains("Removed.md", await db.Notes.IgnoreQueryFilters([NoteFilters.NotDeleted]).Select(n => n.Path).ToListAsync());
    }

    [Theory]
    [MemberData(nameof(Readers))]
    public async Task APlainNotesQueryHoldsWhatReadAccessMayRead(string reader)
    {
        await using var db = app.Database.CreateContext().ReadingAs(Access(reader));
        var live = await db.Notes.IgnoreQueryFilters([NoteFilters.Readable])
            .Select(n => new { n.Id, n.Path, n.Vault.MembersOnly }).ToListAsync();

        var readable = await db.Notes.Select(n => n.Path).OrderBy(p => p).ToListAsync();

        Assert.Equal(live.Where(n => Access(reader).MayRead(n.MembersOnly, n.Id)).Select(n => n.Path).Order(), readable);
        Assert.Equal(reader switch
        {
            "visitor" => "Open.md",
            "member" => "Closed.md, Open.md, Shared.md",
            _ => "Open.md, Shared.md",
        }, string.Join(", ", readable));
    }

    [Theory]
    [MemberData(nameof(Readers))]
    public async Task ReadableVaultsHoldWhatReadAccessMayReadOfAVault(string reader)
    {
        await using var db = app.Database.CreateContext().ReadingAs(Access(reader));
        var vaults = await db.Vaults.Select(v => new { v.Name, v.MembersOnly }).ToListAsync();

        var readable = await db.ReadableVaults.Select(v => v.Name).OrderBy(n => n).ToListAsync();

        Assert.Equal(vaults.Where(v => Access(reader).MayReadVault(v.MembersOnly)).Select(v => v.Name).Order(), readable);
        Assert.Equal(reader == "member" ? "closed, open" : "open", string.Join(", ", readable));
    }

    [Theory]
    [MemberData(nameof(Readers))]
    public async Task RawSqlReadsTheNotesThatListsOffer(string reader)
    {
        await using var db = app.Database.CreateContext().ReadingAs(Access(reader).Listing);

        var listed = await db.Database.SqlQuery<string>($"""SELECT "Path" AS "Value" FROM studyhub_readable_notes({db.ReaderIsMember})""")
            .OrderBy(p => p).ToListAsync();

        Assert.Equal(await db.Notes.Select(n => n.Path).OrderBy(p => p).ToListAsync(), listed);
        Assert.DoesNotContain("Removed.md", listed);
    }

    /// Raw SQL cannot see the query filters, so none outside the migrations reads "Notes" itself or tests a note's
    /// vault access or deletion: it reads studyhub_readable_notes (or studyhub_readable_vaults) instead.
    [Fact]
    public void NoRawSqlOutsideTheMigrationsReadsNotesPastTheReadRule()
    {
        var web = Path.Combine(RepositoryFiles.Root, "src", "StudyHub.Web");
        var migrations = Path.Combine(web, "Data", "Migrations") + Path.DirectorySeparatorChar;

        var offending = Directory.EnumerateFiles(web, "*.*", SearchOption.AllDirectories)
            .Where(f => (f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".razor", StringComparison.Ordinal))
                && !f.StartsWith(migrations, StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SelectMany(f => File.ReadLines(f).Select((line, i) => (File: Path.GetRelativePath(web, f), Line: i + 1, Text: line)))
            // An index's predicate reads no rows: it says which rows the index holds.
            .Where(l => PastTheReadRule().IsMatch(l.Text) && !l.Text.Contains(".HasFilter(", StringComparison.Ordinal))
            .Select(l => $"{l.File}:{l.Line}: {l.Text.Trim()}")
            .ToList();

        Assert.Empty(offending);
    }

    [GeneratedRegex(@"(FROM|JOIN)\s+""Notes""|""MembersOnly""|""DeletedAt""", RegexOptions.IgnoreCase)]
    private static partial Regex PastTheReadRule();
}
