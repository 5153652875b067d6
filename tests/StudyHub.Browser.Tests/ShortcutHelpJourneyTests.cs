using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace StudyHub.Browser.Tests;

public sealed class ShortcutHelpJourneyTests(BrowserApp app) : BrowserTest(app)
{
    [Fact]
    public Task QuestionMarkListsTheShortcutsAndEscapeGivesFocusBack() => JourneyAsync(nameof(QuestionMarkListsTheShortcutsAndEscapeGivesFocusBack), async () =>
    {
        await Page.GotoAsync("/notes/cs224n/lectures/multimodal-deep-learning");
        var timestamp = Page.Locator(".note-body a.timestamp").First;
        await timestamp.FocusAsync();

        await Page.Keyboard.PressAsync("?");

        var help = Page.GetByRole(AriaRole.Dialog, new() { Name = "Keyboard shortcuts" });
        await Expect(help).ToBeVisibleAsync();
        await Expect(help.Locator("dt", new() { HasText = "Ctrl K" })).ToHaveCountAsync(1);
        await Expect(help).ToContainTextAsync("Go to a note or concept by name");
        await Expect(help.GetByRole(AriaRole.Button, new() { Name = "Close" })).ToBeFocusedAsync();
        var serious = (await Page.RunAxe()).Violations.Where(v => v.Impact is "serious" or "critical").Select(v => v.Id).ToList();
        Assert.Empty(serious);

        await Page.Keyboard.PressAsync("Escape");

        await Expect(help).ToBeHiddenAsync();
        await Expect(timestamp).ToBeFocusedAsync();

        await Page.Keyboard.PressAsync("?");
        await help.GetByRole(AriaRole.Button, new() { Name = "Close" }).ClickAsync();
        await Expect(help).ToBeHiddenAsync();
        await Expect(timestamp).ToBeFocusedAsync();
    });

    [Fact]
    public Task QuestionMarkInATextFieldIsTyped() => JourneyAsync(nameof(QuestionMarkInATextFieldIsTyped), async () =>
    {
        await Page.GotoAsync("/");
        var search = Page.GetByRole(AriaRole.Searchbox, new() { Name = "Search notes" });
        await search.FocusAsync();

        await Page.Keyboard.PressAsync("?");

        await Expect(search).ToHaveValueAsync("?");
        await Expect(Page.GetByRole(AriaRole.Dialog, new() { Name = "Keyboard shortcuts" })).ToBeHiddenAsync();
    });
}
