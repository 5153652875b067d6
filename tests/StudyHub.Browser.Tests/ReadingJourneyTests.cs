using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace StudyHub.Browser.Tests;

public sealed class ReadingJourneyTests(BrowserApp app) : BrowserTest(app)
{
    [Fact]
    public Task OpeningTheLectureFromHomeShowsItsHeadingAndText() => JourneyAsync(nameof(OpeningTheLectureFromHomeShowsItsHeadingAndText), async () =>
    {
        await Page.GotoAsync("/");
        await Page.GetByRole(AriaRole.Link, new() { Name = "Multimodal Deep Learning", Exact = true }).ClickAsync();

        await Expect(Page).ToHaveURLAsync(new Uri(BaseAddress, "/notes/multimodal-deep-learning").ToString());
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Multimodal Deep Learning", Level = 1 })).ToBeVisibleAsync();
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Why does MultiModality matter?" })).ToBeVisibleAsync();
        await Expect(Page.GetByText("Alec Radford is a genius")).ToBeVisibleAsync();
    });
}
