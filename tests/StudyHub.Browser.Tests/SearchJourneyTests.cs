using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace StudyHub.Browser.Tests;

public sealed class SearchJourneyTests(BrowserApp app) : BrowserTest(app)
{
    [Fact]
    public Task CtrlKThenAMisspeltNameOpensTheNote() => JourneyAsync(nameof(CtrlKThenAMisspeltNameOpensTheNote), async () =>
    {
        await Page.GotoAsync("/");
        await Expect(Page.GetByRole(AriaRole.Button, new() { Name = "Go to note" })).ToBeVisibleAsync();

        await Page.Keyboard.PressAsync("Control+k");
        var dialog = Page.GetByRole(AriaRole.Dialog, new() { Name = "Go to a note or concept" });
        await Expect(dialog).ToBeVisibleAsync();
        var input = dialog.GetByRole(AriaRole.Combobox, new() { Name = "Go to a note or concept" });
        await Expect(input).ToBeFocusedAsync();
        await input.PressSequentiallyAsync("flamngo");

        var first = dialog.GetByRole(AriaRole.Option).First;
        await Expect(first).ToContainTextAsync("Flamingo");
        await Expect(first).ToHaveAttributeAsync("aria-selected", "true");
        await Expect(input).ToHaveAttributeAsync("aria-activedescendant", (await first.GetAttributeAsync("id"))!);
        await input.PressAsync("Enter");

        await Expect(Page).ToHaveURLAsync(new Uri(BaseAddress, "/notes/cs224n/models/flamingo").ToString());
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Flamingo", Level = 1, Exact = true })).ToBeVisibleAsync();
        await Expect(dialog).ToBeHiddenAsync();
    });

    [Fact]
    public Task ChoosingAKindAppliesItWithoutPressingSearch() => JourneyAsync(nameof(ChoosingAKindAppliesItWithoutPressingSearch), async () =>
    {
        await Page.GotoAsync("/search?q=multimodal");
        await Expect(Page.Locator(".search-summary")).ToBeVisibleAsync();

        await Page.GetByLabel("Kind").SelectOptionAsync("person");

        await Expect(Page).ToHaveURLAsync(new Uri(BaseAddress, "/search?q=multimodal&vault=&kind=person&tag=").ToString());
        await Expect(Page.Locator(".search-result .search-kind").First).ToHaveTextAsync("person");
    });

    [Fact]
    public Task TheHeaderButtonOpensTheSwitcherAndEscapeClosesIt() => JourneyAsync(nameof(TheHeaderButtonOpensTheSwitcherAndEscapeClosesIt), async () =>
    {
        await Page.GotoAsync("/notes/cs224n/lectures/multimodal-deep-learning");
        var button = Page.GetByRole(AriaRole.Button, new() { Name = "Go to note" });

        await button.ClickAsync();
        var dialog = Page.GetByRole(AriaRole.Dialog, new() { Name = "Go to a note or concept" });
        await Expect(dialog).ToBeVisibleAsync();
        var input = dialog.GetByRole(AriaRole.Combobox);
        await input.PressSequentiallyAsync("kiela");
        // Typed slowly (a loaded machine), "kiel" is looked up and shown first; the answer for "kiela" would draw the list
        // again, with the first option chosen, after the arrow key.
        await Expect(dialog.GetByRole(AriaRole.Option).Last).ToContainTextAsync("Search all notes for “kiela”");
        await Expect(dialog.GetByRole(AriaRole.Option).First).ToContainTextAsync("Douwe Kiela");
        await input.PressAsync("ArrowDown");
        await Expect(dialog.GetByRole(AriaRole.Option).Nth(1)).ToHaveAttributeAsync("aria-selected", "true");
        await input.PressAsync("Escape");

        await Expect(dialog).ToBeHiddenAsync();
        await Expect(button).ToBeFocusedAsync();
    });

    [Fact]
    public Task SearchingForAWordShowsTheLectureWithTheWordHighlighted() => JourneyAsync(nameof(SearchingForAWordShowsTheLectureWithTheWordHighlighted), async () =>
    {
        await Page.GotoAsync("/");

        var box = Page.GetByRole(AriaRole.Searchbox, new() { Name = "Search notes" });
        await box.FillAsync("contrastive");
        await box.PressAsync("Enter");

        await Expect(Page).ToHaveURLAsync(new Uri(BaseAddress, "/search?q=contrastive").ToString());
        var lecture = Page.GetByRole(AriaRole.Listitem).Filter(new() { Has = Page.GetByRole(AriaRole.Link, new() { Name = "Multimodal Deep Learning", Exact = true }) });
        await Expect(lecture).ToBeVisibleAsync();
        await Expect(lecture.Locator("mark").First).ToHaveTextAsync("contrastive");
        await Expect(lecture.Locator("mark").First).ToBeVisibleAsync();
    });
}
