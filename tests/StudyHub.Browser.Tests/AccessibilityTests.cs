using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace StudyHub.Browser.Tests;

public sealed class AccessibilityTests(BrowserApp app) : BrowserTest(app)
{
    public static TheoryData<string, string, string> Pages()
    {
        var pages = new TheoryData<string, string, string>();
        foreach (var theme in new[] { "light", "dark" })
        {
            pages.Add("home", "/", theme);
            pages.Add("note", "/notes/cs224n/lectures/multimodal-deep-learning", theme);
            pages.Add("search", "/search?q=contrastive", theme);
            pages.Add("tags", "/tags", theme);
            pages.Add("vault", "/vaults/cs224n", theme);
            pages.Add("concepts", "/concepts", theme);
            pages.Add("kind-of-concepts", "/concepts?kind=organization&q=o", theme);
            pages.Add("tag", "/tags/lecture", theme);
            pages.Add("not-found", "/notes/no-such-note", theme);
        }
        return pages;
    }

    [Theory]
    [MemberData(nameof(Pages))]
    public Task PageHasNoSeriousOrCriticalAxeViolations(string name, string path, string theme) => JourneyAsync($"axe-{name}-{theme}", async () =>
    {
        await Page.EmulateMediaAsync(new() { ColorScheme = theme == "dark" ? ColorScheme.Dark : ColorScheme.Light });
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
