using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace StudyHub.Browser.Tests;

/// Pictures of the main pages at a phone's and a laptop's width in both themes, for a reviewer who does not run the
/// site. tools/screenshots.sh keeps them in docs/screenshots; a plain test run leaves them under TestResults.
public sealed class ScreenshotTests(BrowserApp app) : BrowserTest(app)
{
    const string FolderVariable = "STUDYHUB_SCREENSHOTS";

    static readonly (string Name, string Path)[] SignedOutPages =
    [
        ("home", "/"),
        ("lecture", LayoutTests.Lecture + "?t=1680"),
        ("course", "/courses/cs224n"),
        ("concept", "/concepts/transformer"),
        ("concept-in-a-lecture", "/concepts/cross-attention"),
        ("graph", "/graph"),
        ("search", "/search?q=contrastive"),
        ("sign-in", "/account/login"),
    ];

    static readonly (int Width, int Height)[] Windows = [(390, 844), (1366, 900)];

    static readonly ColorScheme[] Themes = [ColorScheme.Light, ColorScheme.Dark];

    [Fact]
    public Task TheMainPagesFitAPhoneAndALaptopInBothThemes() => JourneyAsync(nameof(TheMainPagesFitAPhoneAndALaptopInBothThemes), async () =>
    {
        var folder = Environment.GetEnvironmentVariable(FolderVariable) is { Length: > 0 } chosen
            ? chosen
            : Path.Combine(AppContext.BaseDirectory, "TestResults", "pages");
        Directory.CreateDirectory(folder);
        await Page.RouteAsync(YouTubeStandIn.ApiUrl, route => route.FulfillAsync(new() { ContentType = "text/javascript", Body = YouTubeStandIn.Script }));

        foreach (var (name, path) in SignedOutPages)
        {
            await ForEachWindowAndThemeAsync(folder, name, async () =>
            {
                await Page.GotoAsync(path, new() { WaitUntil = WaitUntilState.NetworkIdle });
                if (name == "graph")
                {
                    await Expect(Page.Locator(".graph-picture[data-state=ready]")).ToBeVisibleAsync();
                }
            });
        }

        await App.CreateUserAsync("reviewer@example.org", displayName: "Ada");
        await Page.SetViewportSizeAsync(1366, 900);
        await DiscussionJourneyTests.SignInAsync(Page, "reviewer@example.org");
        await Page.GotoAsync(LayoutTests.Lecture);
        await DiscussionJourneyTests.SelectAsync(Page, "Treat them separately");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Annotate", Exact = true }).ClickAsync();
        await Page.GetByLabel("Your annotation").FillAsync("Late fusion keeps each encoder; the classifier sees both outputs.");
        await Page.Locator("[data-composer] button[type=submit]").ClickAsync();
        await Page.GetByLabel("Comment on this note").FillAsync("Which of the fusion kinds does CLIP use?");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Comment", Exact = true }).ClickAsync();
        await Expect(Page.Locator(".comment", new() { HasText = "Which of the fusion kinds" })).ToBeVisibleAsync();

        await ForEachWindowAndThemeAsync(folder, "discussion", async () =>
        {
            await Page.GotoAsync(LayoutTests.Lecture, new() { WaitUntil = WaitUntilState.NetworkIdle });
            // Scrolled to once the circuit has drawn the panel again over the prerendered one, which it replaces.
            await DiscussionJourneyTests.WaitForTheDiscussionAsync(Page);
            await Expect(Page.Locator(".annotation", new() { HasText = "Late fusion keeps each encoder" })).ToBeVisibleAsync();
            await Page.Locator("#discussion").ScrollIntoViewIfNeededAsync();
        });
    });

    async Task ForEachWindowAndThemeAsync(string folder, string name, Func<Task> open)
    {
        foreach (var (width, height) in Windows)
        {
            foreach (var theme in Themes)
            {
                await Page.SetViewportSizeAsync(width, height);
                await Page.EmulateMediaAsync(new() { ColorScheme = theme });
                await open();
                var overflow = await Page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - innerWidth");
                Assert.True(overflow <= 0, $"{name} at {width}px in the {theme} theme scrolls sideways by {overflow}px.");
                await Page.ScreenshotAsync(new() { Path = Path.Combine(folder, $"{name}-{width}-{theme.ToString().ToLowerInvariant()}.png") });
            }
        }
    }
}
