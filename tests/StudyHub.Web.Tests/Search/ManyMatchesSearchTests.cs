using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using StudyHub.Testing;
using StudyHub.Web.Data;
using StudyHub.Web.Features.Search;

namespace StudyHub.Web.Tests.Search;

/// A word in more notes than search ranks (NoteSearch.MostRanked): the notes named so and those with it in a heading
/// still come first, the rest page steadily, and the count says "more than".
public sealed class ManyMatchesSearchTests(ManyMatchesSearchTests.CrowdApp app) : IClassFixture<ManyMatchesSearchTests.CrowdApp>
{
    const int BodyNotes = NoteSearch.MostRanked + 200;

    [Fact]
    public async Task TheNoteNamedSoAndTheNotesWithTheWordInAHeadingComeFirstThoughTheTableHoldsThemLast()
    {
        var results = await app.FindAsync(new SearchQuery("walrus", Vault: "crowd"));

        Assert.Equal(["Walrus", "Habits 1", "Habits 2", "Habits 3"], results.Hits.Take(4).Select(h => h.Title));
        Assert.All(results.Hits.Skip(4), hit => Assert.StartsWith("Body ", hit.Title, StringComparison.Ordinal));
    }

    [Fact]
    public async Task TheCountSaysMoreThanWhatIsRankedAndThePagesHoldEachRankedNoteOnceTheSameEachTime()
    {
        var first = await app.FindAsync(new SearchQuery("walrus", Vault: "crowd"));
        Assert.True(first.MoreThanRanked);
        Assert.InRange(first.Ranked, NoteSearch.MostRanked + 1, NoteSearch.MostRanked + 5);

        var titles = new List<string>();
        for (var page = 1; page <= first.PageCount; page++)
        {
            titles.AddRange((await app.FindAsync(new SearchQuery("walrus", Vault: "crowd", Page: page))).Hits.Select(h => h.Title));
        }
        var again = await app.FindAsync(new SearchQuery("walrus", Vault: "crowd", Page: first.PageCount));

        Assert.Equal(first.Ranked, titles.Count);
        Assert.Equal(titles.Count, titles.Distinct().Count());
        Assert.Equal(titles.TakeLast(again.Hits.Count), again.Hits.Select(h => h.Title));

        using var client = app.CreateClient();
        var html = await client.GetStringAsync(new Uri("/search?q=walrus&vault=crowd", UriKind.Relative));
        Assert.Contains($"More than {NoteSearch.MostRanked.ToString("N0", System.Globalization.CultureInfo.InvariantCulture)} notes match “walrus”; page 1 of {first.PageCount}.", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ASearchWithFewerMatchesThanTheBoundCountsAndRanksThemAll()
    {
        var results = await app.FindAsync(new SearchQuery("habits", Vault: "crowd"));

        Assert.False(results.MoreThanRanked);
        Assert.Equal(3, results.Total);
        Assert.Equal(3, results.Ranked);
    }

    /// The sample vault and a "crowd" vault: BodyNotes notes with "walrus" in their text only, then a note named Walrus
    /// and three with it in a heading, which are made the last rows of the table, beyond the first MostRanked matches.
    public sealed class CrowdApp : StudyHubApp
    {
        readonly TempVault _crowd = new("crowd");

        public override async Task InitializeAsync()
        {
            await base.InitializeAsync();
            for (var i = 0; i < BodyNotes; i++)
            {
                _crowd.Write($"Body/Body {i:D4}.md", $"# Body {i:D4}\n\nA walrus rests on the ice, number {i}.\n");
            }
            _crowd.Write("Walrus.md", "# Walrus\n\nA large animal.\n");
            for (var i = 1; i <= 3; i++)
            {
                _crowd.Write($"Habits {i}.md", $"# Habits {i}\n\n## What a walrus does\n\nIt sleeps on the ice. Habits vary.\n");
            }
            await ImportVaultAsync(_crowd.Root, "crowd");

            // An update writes a row's new version at the table's end: the notes the bound could miss go last.
            await using var db = await Services.GetRequiredService<IDbContextFactory<StudyHubDbContext>>().CreateDbContextAsync();
            await db.Database.ExecuteSqlRawAsync("""UPDATE "Notes" SET "Title" = "Title" WHERE "Title" = 'Walrus' OR "Title" LIKE 'Habits _'""");
            var lastInTable = await db.Database.SqlQueryRaw<string>("""SELECT "Title" AS "Value" FROM "Notes" ORDER BY ctid DESC LIMIT 4""").ToListAsync();
            Assert.All(lastInTable, title => Assert.DoesNotContain("Body", title, StringComparison.Ordinal));
        }

        public async Task<SearchResults> FindAsync(SearchQuery query) =>
            await Services.GetRequiredService<NoteSearch>().FindAsync(query, CancellationToken.None);

        public override async ValueTask DisposeAsync()
        {
            _crowd.Dispose();
            await base.DisposeAsync();
        }
    }
}
