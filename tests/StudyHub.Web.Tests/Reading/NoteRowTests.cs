using Microsoft.EntityFrameworkCore;
using StudyHub.Testing;

namespace StudyHub.Web.Tests.Reading;

/// A note's names are read wherever notes are listed, linked to or synced. Kept in the note's row they come with it;
/// moved to the TOAST table, each is a lookup there, which made reading those of 100,000 notes four times slower.
public sealed class NoteRowTests(StudyHubApp app) : IClassFixture<StudyHubApp>
{
    const string Migration = "NoteNamesStayInTheirRows";
    const string LongLecture = "Course 1/Week 2/A long lecture on attention.md";

    [Fact]
    public async Task ALongNotesNamesStayInItsRowBesideItsSearchVector()
    {
        await ImportLongLectureAsync("kept");

        // The vector alone is more than PostgreSQL aims to keep in a row (2 KB), which made room by moving the rest out.
        var vectorBytes = await QueryAsync<int>($"""
            SELECT pg_column_size("SearchVector") AS "Value" FROM "Notes" WHERE "VaultId" = (SELECT "Id" FROM "Vaults" WHERE "Name" = 'kept')
            """);
        Assert.True(vectorBytes.Single() > 2048, $"The search vector takes {vectorBytes.Single()} bytes; the test needs one over 2 KB.");
        Assert.Empty(await NamesOutOfTheRowAsync("kept"));
    }

    [Fact]
    public async Task NotesStoredBeforeTheUpgradeHaveTheirNamesMovedBackIntoTheirRows()
    {
        await ImportLongLectureAsync("before");
        await app.Database.MigrateToBeforeAsync(Migration);
        // Written again as the version before wrote rows: the new title makes PostgreSQL lay out the whole row anew.
        await using (var db = app.Database.CreateContext())
        {
            await db.Database.ExecuteSqlAsync($"""UPDATE "Notes" SET "Title" = "Title" || '' WHERE "Path" = {LongLecture}""");
        }
        Assert.Contains("Path", await NamesOutOfTheRowAsync("before"));

        await app.Database.MigrateToLatestAsync();

        Assert.Empty(await NamesOutOfTheRowAsync("before"));
    }

    async Task ImportLongLectureAsync(string vaultName)
    {
        var words = string.Join(' ', Enumerable.Range(0, 600).Select(i => $"term{i}x"));
        using var vault = new TempVault(vaultName).Write(LongLecture, $"---\ntype: lecture\n---\n# A long lecture on attention\n\n{words}\n");
        await app.ImportVaultAsync(vault.Root, vaultName);
    }

    /// Of a value stored out of line, the size PostgreSQL gives is its length alone; in the row it has a header too.
    Task<List<string>> NamesOutOfTheRowAsync(string vaultName) => QueryAsync<string>($"""
        SELECT name AS "Value" FROM "Notes", LATERAL (VALUES
            ('Path', pg_column_size("Path") = octet_length("Path")),
            ('Title', pg_column_size("Title") = octet_length("Title")),
            ('Slug', pg_column_size("Slug") = octet_length("Slug")),
            ('Address', pg_column_size("Address") = octet_length("Address")),
            ('ContentHash', pg_column_size("ContentHash") = octet_length("ContentHash")),
            ('CoursePosition', pg_column_size("CoursePosition") = octet_length("CoursePosition"))) AS value(name, moved)
        WHERE "VaultId" = (SELECT "Id" FROM "Vaults" WHERE "Name" = {vaultName}) AND moved
        """);

    async Task<List<T>> QueryAsync<T>(FormattableString sql)
    {
        await using var db = app.Database.CreateContext();
        return await db.Database.SqlQuery<T>(sql).ToListAsync();
    }
}
