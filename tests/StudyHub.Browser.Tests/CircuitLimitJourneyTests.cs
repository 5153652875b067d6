using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using StudyHub.Web.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace StudyHub.Browser.Tests;

/// An instance holding as many circuits as it may (Circuits:Open, counted as circuits open and close): the next signed-in
/// reader gets the discussion without one, kept up to date and saying why it takes no posts, and once a reader leaves,
/// the next page gets a circuit again.
public sealed class CircuitLimitJourneyTests(BrowserApp app) : BrowserTest(app)
{
    const string Lecture = "/notes/cs224n/lectures/multimodal-deep-learning";

    [Fact]
    public Task AReaderPastTheLimitFollowsTheDiscussionAndTakesPartOnceAnotherLeaves() => JourneyAsync(nameof(AReaderPastTheLimitFollowsTheDiscussionAndTakesPartOnceAnotherLeaves), async () =>
    {
        var open = App.Services.GetRequiredService<OpenCircuits>();
        App.Services.GetRequiredService<CircuitLimits>().Open = 1;
        await App.CreateUserAsync("first@example.org");
        await App.CreateUserAsync("second@example.org");
        await DiscussionJourneyTests.SignInAsync(Page, "first@example.org");
        await Page.GotoAsync(Lecture);
        await DiscussionJourneyTests.WaitForTheDiscussionAsync(Page);
        Assert.Equal(1, open.Count);

        var browser = await Browser.GetAsync();
        await using var secondContext = await browser.NewContextAsync(new() { BaseURL = BaseAddress.ToString() });
        var second = await secondContext.NewPageAsync();
        var negotiations = 0;
        second.Request += (_, request) => negotiations += request.Url.Contains("/_blazor/negotiate", StringComparison.Ordinal) ? 1 : 0;
        await DiscussionJourneyTests.SignInAsync(second, "second@example.org");
        await second.GotoAsync(Lecture);
        await DiscussionJourneyTests.WaitForTheDiscussionAsync(second);
        await Expect(second.Locator("[data-discussion-busy]")).ToContainTextAsync("reload the page in a minute");
        await Expect(second.Locator("#new-comment")).ToHaveCountAsync(0);
        Assert.Equal(0, negotiations);

        await Page.Locator("#new-comment").FillAsync("Posted while the server was full.");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Comment", Exact = true }).ClickAsync();
        await Expect(second.Locator("[data-comments] li", new() { HasText = "Posted while the server was full." })).ToHaveCountAsync(1);

        await Page.GotoAsync("about:blank");
        // The page's leaving ends its circuit at once (Blazor's disconnect beacon), not after the circuit's retention.
        for (var waited = 0; open.Count > 0; waited += 100)
        {
            Assert.True(waited < 15_000, "The circuit of the page that left was still open after 15 s.");
            await Task.Delay(100);
        }
        await second.ReloadAsync();
        await Expect(second.Locator("[data-discussion][data-annotating]")).ToHaveCountAsync(1, new() { Timeout = 45_000 });
        await Expect(second.Locator("[data-discussion-busy]")).ToHaveCountAsync(0);
        await Expect(second.Locator("#new-comment")).ToBeVisibleAsync();
    });
}
