using System.Text.RegularExpressions;
using StudyHub.Testing;

namespace StudyHub.Web.Tests.Reading;

/// The tag and concept indexes of a vault with hundreds of tags and concepts show a bounded page, and every tag, tagged
/// note and concept is still reachable from them by paging or filtering.
public sealed partial class LongListingTests(LongListingTests.TaggedApp app) : IClassFixture<LongListingTests.TaggedApp>
{
    /// 250 notes tagged #lecture and two topics each (500 topics in all) that link to 150 concepts nobody has written,
    /// and a note about a person.
    public sealed class TaggedApp : StudyHubApp
    {
        public const int Notes = 250;
        public const int Topics = 500;
        public const int Concepts = 150;

        public override async Task InitializeAsync()
        {
            await base.InitializeAsync();
            using var vault = new TempVault("tagged");
            for (var i = 0; i < Notes; i++)
            {
                vault.Write($"Week {i / 25:D2}/Note {i:D3}.md",
                    $"#lecture #topic/t{i:D3} #topic/t{i + Notes:D3}\n\nAbout [[Concept {i % Concepts:D3}]] and [[Concept {(i + 1) % Concepts:D3}]].");
            }
            vault.Write("People/Ada Lovelace.md", "---\ntype: person\n---\nWrote the first program.");
            await ImportVaultAsync(vault.Root, "tagged");
        }
    }

    [Fact]
    public async Task PagingATagPageReachesEveryTaggedNoteOnceInOrderOfAddress()
    {
        var forward = await ListingPages.FollowAsync(app, "/tags/lecture", "next", TaggedNote());
        var backward = await ListingPages.FollowAsync(app, forward.LastPage, "prev", TaggedNote());

        Assert.Equal(3, forward.Pages);
        Assert.Equal(TaggedApp.Notes, forward.Items.Distinct().Count());
        Assert.Equal(forward.Items.Order(StringComparer.Ordinal), forward.Items);
        Assert.Equal(3, backward.Pages);
        Assert.Equal(forward.Items.Order(StringComparer.Ordinal), backward.Items.Order(StringComparer.Ordinal));
        Assert.Contains("250 notes tagged #lecture", await ListingPages.GetAsync(app, "/tags/lecture"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheTagIndexShowsTheMostUsedTagsAndFindsTheOthersByFilter()
    {
        var index = await ListingPages.GetAsync(app, "/tags");
        var filtered = await ListingPages.GetAsync(app, "/tags?q=T4");

        Assert.Contains($"The 300 most used of {TaggedApp.Topics + 1} tags", index, StringComparison.Ordinal);
        // 300 tags and #topic, their parent.
        Assert.Equal(301, ListingPages.Items(index, TagLink()).Count);
        Assert.Contains("href=\"/tags/lecture\"", index, StringComparison.Ordinal);
        Assert.Equal(
            [.. Enumerable.Range(400, 100).Select(i => $"/tags/topic/t{i}").Prepend("/tags/topic")],
            ListingPages.Items(filtered, TagLink()));
        Assert.Contains("100 tags containing “T4”", filtered, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheConceptsPageShowsTheMostConnectedOfEachKindAndLinksToThemAll()
    {
        var index = await ListingPages.GetAsync(app, "/concepts");

        Assert.Contains("People <span class=\"count\">(1)</span>", index, StringComparison.Ordinal);
        Assert.Contains("<a href=\"/notes/tagged/people/ada-lovelace\">Ada Lovelace</a>", index, StringComparison.Ordinal);
        Assert.Contains($"Unclassified <span class=\"count\">({TaggedApp.Concepts})</span>", index, StringComparison.Ordinal);
        Assert.Contains($"<a href=\"/concepts?kind=unclassified\">All {TaggedApp.Concepts} unclassified</a>", index, StringComparison.Ordinal);
        Assert.Equal(24 + 1, ListingPages.Items(index, ConceptLink()).Count);
        Assert.DoesNotContain("/notes/tagged/week-00/note-000\"", index, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PagingAKindOfConceptsReachesEachOnceMostConnectedFirst()
    {
        var forward = await ListingPages.FollowAsync(app, "/concepts?kind=unclassified", "next", ConceptLink());
        var backward = await ListingPages.FollowAsync(app, forward.LastPage, "prev", ConceptLink());
        var degrees = Degrees().Matches(await ListingPages.GetAsync(app, "/concepts?kind=unclassified")).Select(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)).ToList();

        Assert.Equal(2, forward.Pages);
        Assert.Equal(TaggedApp.Concepts, forward.Items.Distinct().Count());
        Assert.All(forward.Items, item => Assert.StartsWith("/concepts/concept-", item, StringComparison.Ordinal));
        Assert.Equal(forward.Items.Order(StringComparer.Ordinal), backward.Items.Order(StringComparer.Ordinal));
        Assert.Equal(degrees.OrderDescending(), degrees);
    }

    [Fact]
    public async Task TheConceptFilterFindsAConceptByPartOfItsNameWithinAKind()
    {
        var found = await ListingPages.GetAsync(app, "/concepts?kind=unclassified&q=cept+14");
        var otherKind = await ListingPages.GetAsync(app, "/concepts?kind=person&q=cept+14");

        Assert.Equal(
            [.. Enumerable.Range(140, 10).Select(i => $"/concepts/concept-{i}")],
            ListingPages.Items(found, ConceptLink()).Order(StringComparer.Ordinal));
        Assert.Contains("10 concepts match “cept 14”", found, StringComparison.Ordinal);
        Assert.Contains("<input type=\"hidden\" name=\"kind\" value=\"unclassified\" />", found, StringComparison.Ordinal);
        Assert.Empty(ListingPages.Items(otherKind, ConceptLink()));
    }

    [Theory]
    [InlineData("/concepts?kind=no-such-kind&after=%00")]
    [InlineData("/concepts?q=%00&before=nobody")]
    [InlineData("/tags?q=%00")]
    [InlineData("/tags/lecture?after=%00&before=%00")]
    public async Task NoQueryBreaksTheListingPages(string path)
    {
        using var client = app.CreateClient();
        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));

        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
    }

    [GeneratedRegex("<li>\\s*<a href=\"(/notes/[^\"]+)\">[^<]*</a>\\s*<span class=\"note-path\">")]
    private static partial Regex TaggedNote();

    [GeneratedRegex("<a class=\"tag\" href=\"(/tags/[^\"]+)\">")]
    private static partial Regex TagLink();

    [GeneratedRegex("<li>\\s*<a href=\"((?:/concepts|/notes)/[^\"]+)\">")]
    private static partial Regex ConceptLink();

    [GeneratedRegex("<span class=\"degree\" title=\"connections\">(\\d+)</span>")]
    private static partial Regex Degrees();
}
