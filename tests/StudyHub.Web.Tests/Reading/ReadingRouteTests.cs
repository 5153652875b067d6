using Microsoft.EntityFrameworkCore;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using StudyHub.Testing;

namespace StudyHub.Web.Tests.Reading;

public sealed class ReadingRouteTests(StudyHubApp app) : IClassFixture<StudyHubApp>, IAsyncLifetime
{
    public async Task InitializeAsync() => await app.ImportSampleVaultAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task TheLectureIsACardOnTheHomePage()
    {
        var home = await GetAsync("/");

        Assert.Contains("<li class=\"lecture-card\"><h3><a href=\"/notes/cs224n/lectures/multimodal-deep-learning\">Multimodal Deep Learning</a></h3>", home, StringComparison.Ordinal);
        Assert.Contains("<span class=\"card-folder\">Lectures</span><span>1 moment</span>", home, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ANotePageUnfurlsWithTitleDescriptionAndCanonicalUrl()
    {
        var page = await GetAsync("/notes/cs224n/lectures/multimodal-deep-learning");

        Assert.Contains("<meta property=\"og:title\" content=\"Multimodal Deep Learning\"", page, StringComparison.Ordinal);
        Assert.Contains("<meta property=\"og:description\" content=\"Today, Chris introduces us to Douwe Kiela", page, StringComparison.Ordinal);
        Assert.Contains("<link rel=\"canonical\" href=\"http://localhost/notes/cs224n/lectures/multimodal-deep-learning\"", page, StringComparison.Ordinal);
        Assert.Contains("<meta name=\"twitter:card\" content=\"summary\"", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ANoteThatOpensWithItsTitleShowsItOnce()
    {
        var page = await GetAsync("/notes/cs224n/people/douwe-kiela");

        Assert.Single(System.Text.RegularExpressions.Regex.Matches(page, "<h1[ >]"));
        Assert.DoesNotContain("href=\"#douwe-kiela\"", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ALinkToAMomentOfTheLectureSaysTheTimeWhenShared()
    {
        var page = await GetAsync("/notes/cs224n/lectures/multimodal-deep-learning?t=28m00s");

        Assert.Contains("<meta property=\"og:title\" content=\"Multimodal Deep Learning at 28:00\"", page, StringComparison.Ordinal);
        Assert.Contains("<meta property=\"og:url\" content=\"http://localhost/notes/cs224n/lectures/multimodal-deep-learning?t=1680\"", page, StringComparison.Ordinal);
        Assert.Contains("<link rel=\"canonical\" href=\"http://localhost/notes/cs224n/lectures/multimodal-deep-learning\"", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ANotePageListsItsContentsLinkedMentionsAndOutgoingLinks()
    {
        var clip = await GetAsync("/notes/cs224n/models/clip");
        var lecture = await GetAsync("/notes/cs224n/lectures/multimodal-deep-learning");

        Assert.Contains("<a href=\"/notes/cs224n/lectures/multimodal-deep-learning\">Multimodal Deep Learning</a>", clip, StringComparison.Ordinal);
        Assert.Contains("This is what we would now call contrastive models, eg CLIP", clip, StringComparison.Ordinal);
        Assert.Contains("<a href=\"/notes/cs224n/lectures/multimodal-deep-learning#why-does-multimodality-matter\">Why does MultiModality matter?</a>", lecture, StringComparison.Ordinal);
        Assert.Contains("<a class=\"wikilink\" href=\"/notes/cs224n/people/douwe-kiela\">Douwe Kiela</a>", lecture, StringComparison.Ordinal);
        Assert.Contains("<nav class=\"breadcrumbs\" aria-label=\"Breadcrumb\">", lecture, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ALinkToANoteNotYetWrittenLeadsToItsConceptWithOrWithoutDotMd()
    {
        using var vault = new TempVault("unwritten").Write("Links.md", "See [the example](Example.md), [[Example.md]] and [[Example]].");
        await app.ImportVaultAsync(vault.Root, "unwritten");
        await using var db = app.Database.CreateContext();
        var html = await db.Notes.Where(n => n.Path == "Links.md" && n.Vault.Name == "unwritten").Select(n => n.Html).SingleAsync();

        var hrefs = System.Text.RegularExpressions.Regex.Matches(html, "<a class=\"wikilink unresolved\"[^>]* href=\"([^\"]+)\"").Select(m => m.Groups[1].Value);
        Assert.Equal(["/concepts/example", "/concepts/example", "/concepts/example"], hrefs);
        using var concept = await app.CreateClient().GetAsync(new Uri("/concepts/example", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, concept.StatusCode);
    }

    [Fact]
    public async Task TagsHaveAnIndexAndAPageThatIncludesNestedTags()
    {
        using var vault = new TempVault("tagged").Write("Nested.md", "About #course/week-1 things.").Write("Top.md", "About #course things.");
        await app.ImportVaultAsync(vault.Root);

        var index = await GetAsync("/tags");
        var course = await GetAsync("/tags/course");
        var week = await GetAsync("/tags/course/week-1");

        Assert.Contains("href=\"/tags/course/week-1\"", index, StringComparison.Ordinal);
        Assert.Contains("href=\"/tags/lecture\"", index, StringComparison.Ordinal);
        Assert.Contains(">Nested</a>", course, StringComparison.Ordinal);
        Assert.Contains(">Top</a>", course, StringComparison.Ordinal);
        Assert.Contains(">Nested</a>", week, StringComparison.Ordinal);
        Assert.DoesNotContain(">Top</a>", week, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AMissingNoteGetsA404ThatSuggestsTheClosestTitles()
    {
        using var client = app.CreateClient();
        using var response = await client.GetAsync(new Uri("/notes/flamingoo", UriKind.Relative));
        var page = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("<a href=\"/notes/cs224n/models/flamingo\">Flamingo</a>", page, StringComparison.Ordinal);
        Assert.Contains("name=\"q\" value=\"flamingoo\"", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnApiCallerGetsABare404NotThePage()
    {
        using var client = app.CreateClient();
        using var response = await client.GetAsync(new Uri("/api/previews/no-such-note", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.DoesNotContain("<html", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task APreviewGivesTheStartOfANote()
    {
        using var client = app.CreateClient();
        var preview = await client.GetFromJsonAsync<JsonElement>(new Uri("/api/previews/cs224n/lectures/multimodal-deep-learning", UriKind.Relative));

        Assert.Equal("Multimodal Deep Learning", preview.GetProperty("title").GetString());
        Assert.StartsWith("Today, Chris introduces us to Douwe Kiela", preview.GetProperty("excerpt").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheMediaApiGivesTheLectureRecordingAndItsTimes()
    {
        using var client = app.CreateClient();
        var media = await client.GetFromJsonAsync<JsonElement>(new Uri("/api/notes/multimodal-deep-learning/media", UriKind.Relative));

        var recording = Assert.Single(media.GetProperty("media").EnumerateArray());
        Assert.Equal("YouTube", recording.GetProperty("provider").GetString());
        var time = Assert.Single(media.GetProperty("times").EnumerateArray());
        Assert.Equal(1680, time.GetProperty("seconds").GetInt32());
        Assert.Equal("https://www.youtube.com/watch?v=5vfIT5LOkR0&t=1680s", time.GetProperty("providerLink").GetString());
        Assert.Equal("/notes/cs224n/lectures/multimodal-deep-learning?t=1680", time.GetProperty("href").GetString());
    }

    [Fact]
    public async Task WithoutJavaScriptATimeLinksToTheRecordingAtThatMoment()
    {
        var page = await GetAsync("/notes/cs224n/lectures/multimodal-deep-learning");

        Assert.Contains("<a class=\"timestamp\" href=\"https://www.youtube.com/watch?v=5vfIT5LOkR0&amp;t=1680s\" data-seconds=\"1680\">28:00</a>", page, StringComparison.Ordinal);
        Assert.Contains("https://www.youtube.com/watch?v=5vfIT5LOkR0&amp;t=0s", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ATimeInAPartWithoutARecordingStaysText()
    {
        using var vault = new TempVault("two-parts").Write("Talk and interview.md", """
            Link:https://www.youtube.com/watch?v=5vfIT5LOkR0

            ## The talk
            The key result is at 12:34.

            ---
            An interview with the speaker, who jokes at 3:21.
            """);
        await app.ImportVaultAsync(vault.Root);

        var page = await GetAsync("/notes/talk-and-interview");

        Assert.Contains("<a class=\"timestamp\" href=\"https://www.youtube.com/watch?v=5vfIT5LOkR0&amp;t=754s\" data-seconds=\"754\">12:34</a>", page, StringComparison.Ordinal);
        Assert.Contains("who jokes at 3:21.", page, StringComparison.Ordinal);
        Assert.DoesNotContain("data-seconds=\"201\"", page, StringComparison.Ordinal);
    }

    async Task<string> GetAsync(string path)
    {
        using var client = app.CreateClient();
        return await client.GetStringAsync(new Uri(path, UriKind.Relative));
    }
}
