using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using StudyHub.Testing;

namespace StudyHub.Web.Tests.Search;

public sealed partial class SearchPageTests(SearchApp app) : IClassFixture<SearchApp>
{
    [Fact]
    public async Task ContrastiveFindsTheSeedLectureWithTheWordMarkedInItsSnippet()
    {
        var page = await app.SearchAsync("q=contrastive");

        var lecture = Results(page).Single(r => r.Contains("<a href=\"/notes/cs224n/lectures/multimodal-deep-learning\">Multimodal Deep Learning</a>", StringComparison.Ordinal));
        Assert.Contains("<mark>contrastive</mark>", Snippet(lecture), StringComparison.Ordinal);
        Assert.Contains("cs224n / Lectures/Multimodal Deep Learning.md", lecture, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AHyphenatedModelNameFindsItsNoteFirst()
    {
        var page = await app.SearchAsync("q=BLIP-2");

        Assert.Contains("<a href=\"/notes/cs224n/models/blip-2\">BLIP-2</a>", Results(page)[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task ATitleMatchRanksAboveMentionsInTheBody()
    {
        var page = await app.SearchAsync("q=flamingo");

        Assert.Contains("<a href=\"/notes/cs224n/models/flamingo\">Flamingo</a>", Results(page)[0], StringComparison.Ordinal);
        Assert.True(Results(page).Count > 1, "other notes mention Flamingo");
    }

    [Fact]
    public async Task WordsInATitleRankAboveWordsInAHeadingAboveWordsInTheBodyAndMoreMentionsAboveFewer()
    {
        // Alphabetical order would be the reverse, and without weights the note saying both words six times would lead.
        using var vault = new TempVault("ranking")
            .Write("Alpha once.md", "# Alpha once\n\nAn okapi has stripes.\n")
            .Write("Beta often.md", "# Beta often\n\n" + string.Concat(Enumerable.Repeat("Okapi stripes are plain. ", 6)) + "\n")
            .Write("Gamma heading.md", "# Gamma heading\n\n## Okapi stripes\n\nSeen once.\n")
            .Write("Zeta okapi stripes.md", "# Zeta okapi stripes\n\nNothing more.\n")
            .Write("Only one word.md", "# Only one word\n\nAn okapi, plain.\n");
        await app.ImportVaultAsync(vault.Root, "ranking");

        var page = await app.SearchAsync("q=okapi+stripes&vault=ranking");

        Assert.Equal(["zeta-okapi-stripes", "gamma-heading", "beta-often", "alpha-once"], Slugs(page));
        Assert.Contains("4 notes match “okapi stripes”.", page, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("contrastive learning", "'contrast' | 'learn'")]
    [InlineData("\"key point\" -diffusion", "'key' | 'point'")]
    [InlineData("alignment or agents -\"late fusion\"", "'align' | 'agent'")]
    [InlineData("BLIP-2", "'blip' | '-2'")]
    [InlineData("-model", null)]
    public async Task RanksByAnyOfTheSearchedWordsLeavingOutTheExcludedOnes(string text, string? words)
    {
        await using var db = app.Database.CreateContext();

        var ranked = await db.Database.SqlQuery<string?>($"""
            SELECT studyhub_any_word(websearch_to_tsquery('studyhub', {text}))::text AS "Value"
            """).SingleAsync();

        Assert.Equal(words, ranked);
    }

    [Fact]
    public async Task TheSearchBoxExampleShowsItsQuotes()
    {
        var page = await app.SearchAsync("");

        Assert.Contains("placeholder=\"contrastive -CLIP, &quot;few-shot learning&quot;, BLIP-2\"", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ATagWithoutWordsListsItsNotes()
    {
        var page = await app.SearchAsync("tag=even&vault=zoo");

        Assert.Equal([.. Enumerable.Range(1, 12).Select(i => $"zebra-{2 * i:D2}")], Slugs(page));
    }

    [Theory]
    [InlineData("constrastive", "contrastive")]
    [InlineData("contrastiv+learning", "contrastive learning")]
    public async Task AMisspeltWordOffersTheClosestWordOfTheNotes(string typed, string meant)
    {
        var page = await app.SearchAsync($"q={typed}");

        Assert.Contains($"Did you mean <a href=\"/search?q={Uri.EscapeDataString(meant)}\" rel=\"nofollow\">{meant}</a>?", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ASearchThatFindsEnoughOffersNoCorrection()
    {
        Assert.DoesNotContain("Did you mean", await app.SearchAsync("q=contrastive"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CorrectionsComeFromTheWordsOfTheNotesAsLastImported()
    {
        using var vault = new TempVault("marsupials").Write("Quokka.md", "# Quokka\n\nA small wallaby of Rottnest Island.\n");
        await app.ImportVaultAsync(vault.Root, "marsupials");
        Assert.Contains("Did you mean <a href=\"/search?q=rottnest\"", await app.SearchAsync("q=rotnest"), StringComparison.Ordinal);

        vault.Write("Quokka.md", "# Quokka\n\nA small wallaby of a western island.\n");
        await app.ImportVaultAsync(vault.Root, "marsupials");
        Assert.DoesNotContain("Did you mean <a href=\"/search?q=rottnest\"", await app.SearchAsync("q=rotnest"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task FiltersWithoutWordsSayTheyMatchTheFilters()
    {
        var page = await app.SearchAsync("tag=even&vault=zoo");

        Assert.Contains("12 notes match these filters.", page, StringComparison.Ordinal);
        Assert.DoesNotContain("“”", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheLastWordAlsoMatchesTheStartOfAWord()
    {
        var page = await app.SearchAsync("q=savanna+zebr&vault=zoo");

        Assert.Contains("25 notes match “savanna zebr”", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ANoteNamedWhatWasSearchedForComesFirst()
    {
        // By weight alone the notes saying the word often, in their titles too, would come first.
        using var vault = new TempVault("names")
            .Write("Okapi facts.md", "# Okapi facts\n\n" + string.Concat(Enumerable.Repeat("The okapi and the camelopard. ", 8)) + "\n")
            .Write("Okapi.md", "---\ntitle: Forest giraffe\n---\nLives in the Ituri forest; an okapi.\n")
            .Write("Giraffe.md", "---\naliases: [Camelopard]\n---\nTall.\n");
        await app.ImportVaultAsync(vault.Root, "names");

        Assert.Contains(">Forest giraffe</a>", Results(await app.SearchAsync("q=Okapi&vault=names"))[0], StringComparison.Ordinal);
        Assert.Contains(">Giraffe</a>", Results(await app.SearchAsync("q=camelopard&vault=names"))[0], StringComparison.Ordinal);
        Assert.Contains(">Forest giraffe</a>", Results(await app.SearchAsync("q=forest+giraffe&vault=names"))[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task KindFilterKeepsOnlyNotesOfThatKind()
    {
        var people = Results(await app.SearchAsync("q=multimodal&kind=person"));
        var lectures = Results(await app.SearchAsync("q=multimodal&kind=lecture"));

        Assert.Contains(people, r => r.Contains("Douwe Kiela", StringComparison.Ordinal));
        Assert.All(people, r => Assert.Contains(">person</a>", r, StringComparison.Ordinal));
        Assert.Contains(lectures, r => r.Contains("/notes/cs224n/lectures/multimodal-deep-learning", StringComparison.Ordinal));
        Assert.All(lectures, r => Assert.Contains(">lecture</a>", r, StringComparison.Ordinal));
    }

    [Fact]
    public async Task TagFilterKeepsOnlyNotesWithThatTag()
    {
        var models = Results(await app.SearchAsync("q=multimodal&tag=model"));

        Assert.Contains(models, r => r.Contains("/notes/cs224n/models/flamingo", StringComparison.Ordinal));
        Assert.DoesNotContain(models, r => r.Contains("/notes/cs224n/lectures/multimodal-deep-learning", StringComparison.Ordinal));
        Assert.All(models, r => Assert.Contains("#model</a>", r, StringComparison.Ordinal));
    }

    [Fact]
    public async Task VaultFilterKeepsOnlyThatVault()
    {
        Assert.Empty(Results(await app.SearchAsync("q=zebra&vault=cs224n")));
        Assert.Equal(20, Results(await app.SearchAsync("q=zebra&vault=zoo")).Count);
    }

    [Fact]
    public async Task ResultsComeTwentyToAPageWithTheTotalAndLinksToTheOtherPages()
    {
        var first = await app.SearchAsync("q=zebra");
        var second = await app.SearchAsync("q=zebra&page=2");

        Assert.Contains("25 notes match “zebra”; page 1 of 2.", first, StringComparison.Ordinal);
        Assert.Equal(20, Results(first).Count);
        Assert.Contains("<a href=\"/search?q=zebra&amp;page=2\" rel=\"next\">Next</a>", first, StringComparison.Ordinal);
        Assert.Equal(5, Results(second).Count);
        Assert.Contains("<a href=\"/search?q=zebra\" rel=\"prev\">Previous</a>", second, StringComparison.Ordinal);
        Assert.Empty(Titles(first).Intersect(Titles(second)));
    }

    [Fact]
    public async Task APagePastTheLastLeadsBackToTheFirst()
    {
        var page = await app.SearchAsync("q=zebra&page=9");

        Assert.Empty(Results(page));
        Assert.Contains("There is no page 9 of results.", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnEmptyQueryExplainsHowToSearch()
    {
        var page = await app.SearchAsync("q=");

        Assert.Contains("Type some words to search", page, StringComparison.Ordinal);
        Assert.Empty(Results(page));
    }

    [Fact]
    public async Task OnlyStopWordsFindNothingAndSaySo()
    {
        var page = await app.SearchAsync("q=the+and+of");

        Assert.Contains("No notes match “the and of”", page, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("'); drop table \"Notes\"; --")]
    [InlineData("<script>alert(1)</script>")]
    [InlineData("\"unbalanced")]
    [InlineData("-")]
    [InlineData("or or or")]
    [InlineData("a\0b")]
    [InlineData("!!!&&&|||:*")]
    [InlineData("<img src=x onerror=alert(1)> zebra")]
    public async Task HostileQueriesAreEscapedAndHarmless(string query)
    {
        using var client = app.CreateClient();
        using var response = await client.GetAsync(new Uri($"/search?q={Uri.EscapeDataString(query)}&tag={Uri.EscapeDataString(query)}", UriKind.Relative));
        var page = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain("<script>alert", page, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img src=x", page, StringComparison.OrdinalIgnoreCase);
        Assert.NotEmpty(Results(await app.SearchAsync("q=contrastive")));
    }

    [Fact]
    public async Task MarkupInANoteIsQuotedAsTextInItsSnippet()
    {
        using var vault = new TempVault("markup").Write("Okapi.md", "# Okapi\n\nThe okapi `<script>alert('okapi')</script>` is shy & <b>striped</b>.\n");
        await app.ImportVaultAsync(vault.Root, "markup");

        var result = Results(await app.SearchAsync("q=okapi&vault=markup")).Single();

        Assert.Contains("<mark>okapi</mark>", Snippet(result), StringComparison.Ordinal);
        Assert.DoesNotContain("<script", Snippet(result), StringComparison.Ordinal);
        Assert.DoesNotContain("<b>", Snippet(result), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ADeletedNoteIsNotFound()
    {
        using var vault = new TempVault("gone").Write("Quagga.md", "# Quagga\n\nExtinct.").Write("Other.md", "other");
        await app.ImportVaultAsync(vault.Root, "gone");
        Assert.Single(Results(await app.SearchAsync("q=quagga")));

        vault.Delete("Quagga.md");
        await app.ImportVaultAsync(vault.Root, "gone");

        Assert.Empty(Results(await app.SearchAsync("q=quagga")));
    }

    static List<string> Results(string page) =>
        page.Split("<li class=\"search-result\">").Skip(1).Select(r => r[..r.IndexOf("</li>", StringComparison.Ordinal)]).ToList();

    static string Snippet(string result) => SnippetPattern().Match(result).Groups[1].Value;

    /// The results' note names: "/notes/ranking/alpha-once" → "alpha-once".
    static List<string> Slugs(string page) => [.. Titles(page).Select(href => href.Split('/')[^1])];

    static IEnumerable<string> Titles(string page) => Results(page).Select(r => TitlePattern().Match(r).Groups[1].Value);

    [GeneratedRegex("<p class=\"search-snippet\">(.*?)</p>", RegexOptions.Singleline)]
    private static partial Regex SnippetPattern();

    [GeneratedRegex("<h2><a href=\"([^\"]+)\"")]
    private static partial Regex TitlePattern();
}
