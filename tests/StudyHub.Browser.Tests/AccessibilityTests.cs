using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace StudyHub.Browser.Tests;

public sealed class AccessibilityTests(BrowserApp app) : BrowserTest(app)
{
    [Theory]
    [InlineData("home", "/")]
    [InlineData("note", "/notes/cs224n/lectures/multimodal-deep-learning")]
    [InlineData("search", "/search?q=contrastive")]
    [InlineData("tags", "/tags")]
    [InlineData("vault", "/vaults/cs224n")]
    [InlineData("concepts", "/concepts")]
    [InlineData("kind-of-concepts", "/concepts?kind=organization&q=o")]
    [InlineData("tag", "/tags/lecture")]
    [InlineData("not-found", "/notes/no-such-note")]
    public Task PageHasNoSeriousOrCriticalAxeViolations(string name, string path) => JourneyAsync($"axe-{name}", async () =>
    {
        await Page.GotoAsync(path);

        var results = await Page.RunAxe();

        var serious = results.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        Assert.True(serious.Count == 0, string.Join("\n", serious.Select(Describe)));
    });

    [Fact]
    public Task ANoteWithItsDiscussionOpenHasNoSeriousOrCriticalAxeViolations() => JourneyAsync("axe-discussion", async () =>
    {
        await App.CreateUserAsync("axe@example.org");
        await DiscussionJourneyTests.SignInAsync(Page, "axe@example.org");
        await Page.GotoAsync("/notes/cs224n/lectures/multimodal-deep-learning");
        await DiscussionJourneyTests.SelectAsync(Page, "Treat them separately");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Annotate", Exact = true }).ClickAsync();
        await Page.GetByLabel("Your annotation").FillAsync("An annotation for the audit.");
        await Page.Locator("[data-composer] button[type=submit]").ClickAsync();
        var annotation = Page.Locator(".annotation", new() { HasText = "An annotation for the audit." });
        await annotation.GetByRole(AriaRole.Button, new() { Name = "Reply" }).ClickAsync();
        await Expect(Page.GetByLabel("Your reply")).ToBeVisibleAsync();

        var results = await Page.RunAxe();

        var serious = results.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        Assert.True(serious.Count == 0, string.Join("\n", serious.Select(Describe)));
    });

    static string Describe(AxeResultItem violation) =>
        $"{violation.Impact} {violation.Id}: {violation.Help} — {string.Join("; ", violation.Nodes.Take(3).Select(n => n.Html))}";
}
