using Microsoft.Playwright;
using StudyHub.Testing;
using static Microsoft.Playwright.Assertions;

namespace StudyHub.Browser.Tests;

/// A vault with more of everything than one page shows, read in Chromium: every listing pages forward to its last item,
/// and nothing a reader could reach before is lost. The 100,000-note figures are the scale benchmark's (docs/benchmarks.md).
public sealed class LargeVaultJourneyTests(BrowserApp app) : BrowserTest(app)
{
    const int People = 150;
    const int Lectures = 150;
    /// A word only the archive's notes have, so that one search lists exactly them.
    const string Marker = "archivemarker";

    [Fact]
    public Task EveryListingPagesToItsEndAndEveryItemIsReachedOnce() => JourneyAsync(nameof(EveryListingPagesToItsEndAndEveryItemIsReachedOnce), async () =>
    {
        using (var archive = new TempVault("archive"))
        {
            for (var i = 0; i < People; i++)
            {
                archive.Write($"People/Person {i:D3}.md", $"#person\n\nA researcher, in the {Marker} notes.");
            }
            for (var i = 0; i < Lectures; i++)
            {
                archive.Write($"Lectures/Lecture {i:D3}.md",
                    $"#lecture\n\nIn the {Marker} notes, with [[Person {i:D3}]] and [[Person {(i + 1) % People:D3}]].");
            }
            await App.ImportVaultAsync(archive.Root, "archive");
        }
        var everyPerson = Enumerable.Range(0, People).Select(i => $"Person {i:D3}").ToList();

        await Page.GotoAsync("/");
        await Expect(Page.GetByRole(AriaRole.Link, new() { Name = $"All {People + Lectures} notes" })).ToBeVisibleAsync();

        await Page.GotoAsync("/concepts");
        await Page.Locator("nav.concept-kinds").GetByRole(AriaRole.Link, new() { Name = "People" }).ClickAsync();
        var concepts = Page.Locator(".concept-list li > a");
        await Expect(concepts).ToHaveCountAsync(100);
        var people = await PageThroughAsync(concepts);
        Assert.Equal(people.Count, people.Distinct().Count());
        Assert.Empty(everyPerson.Except(people));

        await Page.GotoAsync("/tags/person");
        var tagged = await PageThroughAsync(Page.Locator(".note-list li > a:not(.tag)"));
        Assert.Equal(tagged.Count, tagged.Distinct().Count());
        Assert.Empty(everyPerson.Except(tagged));

        await Page.GotoAsync($"/search?q={Marker}");
        var found = await PageThroughAsync(Page.Locator(".search-result h2 a"));
        Assert.Equal(People + Lectures, found.Count);
        Assert.Equal(found.Count, found.Distinct().Count());

        await Page.GotoAsync("/graph");
        await Expect(Page.Locator("[data-graph][data-state=ready]")).ToBeVisibleAsync();

        await Page.GotoAsync("/concepts?kind=person&q=Person%20149");
        await concepts.GetByText("Person 149", new() { Exact = true }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Person 149", Level = 1 })).ToBeVisibleAsync();
        await Expect(Page.Locator(".note-body")).ToContainTextAsync(Marker);
    });

    /// The items' texts on this page and every page after it, following "Next" until there is none.
    async Task<List<string>> PageThroughAsync(ILocator items)
    {
        var seen = new List<string>();
        for (var pages = 0; pages < 50; pages++)
        {
            await Expect(items.First).ToBeVisibleAsync();
            seen.AddRange(await items.AllTextContentsAsync());
            var next = Page.Locator("a[rel=next]");
            if (await next.CountAsync() == 0)
            {
                return seen;
            }
            var (url, first) = (Page.Url, await items.First.TextContentAsync());
            await next.ClickAsync();
            await Expect(Page).Not.ToHaveURLAsync(url);
            await Expect(items.First).Not.ToHaveTextAsync(first!);
        }
        throw new InvalidOperationException("Still a next page after 50 pages.");
    }
}
