using Microsoft.Playwright;
using StudyHub.Testing;
using static Microsoft.Playwright.Assertions;

namespace StudyHub.Browser.Tests;

public sealed class ReadingJourneyTests(BrowserApp app) : BrowserTest(app)
{
    [Fact]
    public Task OpeningTheLectureFromHomeShowsItsHeadingAndText() => JourneyAsync(nameof(OpeningTheLectureFromHomeShowsItsHeadingAndText), async () =>
    {
        await Page.GotoAsync("/");
        await Page.GetByRole(AriaRole.Link, new() { Name = "Multimodal Deep Learning", Exact = true }).ClickAsync();

        await Expect(Page).ToHaveURLAsync(new Uri(BaseAddress, "/notes/cs224n/lectures/multimodal-deep-learning").ToString());
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Multimodal Deep Learning", Level = 1 })).ToBeVisibleAsync();
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Why does MultiModality matter?" })).ToBeVisibleAsync();
        await Expect(Page.GetByText("Alec Radford is a genius")).ToBeVisibleAsync();
        await Expect(Page.GetByText("An unhandled error has occurred.")).ToBeHiddenAsync();
    });

    [Fact]
    public Task FromHomeToALectureToAConceptAndBack() => JourneyAsync(nameof(FromHomeToALectureToAConceptAndBack), async () =>
    {
        await Page.GotoAsync("/");
        await Page.GetByRole(AriaRole.Link, new() { Name = "Multimodal Deep Learning", Exact = true }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Multimodal Deep Learning", Level = 1 })).ToBeVisibleAsync();

        await Page.Locator(".note-body a.wikilink", new() { HasText = "Douwe Kiela" }).First.ClickAsync();
        await Expect(Page).ToHaveURLAsync(new Uri(BaseAddress, "/notes/cs224n/people/douwe-kiela").ToString());
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Douwe Kiela", Level = 1, Exact = true })).ToBeVisibleAsync();

        // A target nobody has written yet leads to its concept page, which lists who links to it.
        await Page.GotoAsync("/notes/cs224n/concepts/cross-attention");
        await Page.Locator(".note-body a.wikilink.unresolved", new() { HasText = "Transformer" }).First.ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Transformer", Level = 1, Exact = true })).ToBeVisibleAsync();
        await Expect(Page.GetByRole(AriaRole.Link, new() { Name = "Cross-Attention" }).First).ToBeVisibleAsync();

        await Page.GoBackAsync();
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Cross-Attention", Level = 1, Exact = true })).ToBeVisibleAsync();
    });

    [Fact]
    public Task HoveringAWikilinkPreviewsTheNote() => JourneyAsync(nameof(HoveringAWikilinkPreviewsTheNote), async () =>
    {
        await Page.GotoAsync("/notes/cs224n/lectures/multimodal-deep-learning");

        await Page.Locator(".note-body a.wikilink", new() { HasText = "Douwe Kiela" }).First.HoverAsync();

        var preview = Page.GetByRole(AriaRole.Tooltip);
        await Expect(preview).ToBeVisibleAsync();
        await Expect(preview).ToContainTextAsync("Douwe Kiela");
        await Page.Keyboard.PressAsync("Escape");
        await Expect(preview).ToBeHiddenAsync();
    });

    [Fact]
    public Task TheThemeToggleSwitchesAndIsRemembered() => JourneyAsync(nameof(TheThemeToggleSwitchesAndIsRemembered), async () =>
    {
        await Page.EmulateMediaAsync(new() { ColorScheme = ColorScheme.Light });
        await Page.GotoAsync("/notes/cs224n/models/clip");

        await Page.GetByRole(AriaRole.Button, new() { Name = "Switch between light and dark theme" }).ClickAsync();
        await Expect(Page.Locator("html")).ToHaveAttributeAsync("data-theme", "dark");
        await Page.ReloadAsync();

        await Expect(Page.Locator("html")).ToHaveAttributeAsync("data-theme", "dark");
    });

    [Fact]
    public Task CodeColoursFollowTheThemeToggle() => JourneyAsync(nameof(CodeColoursFollowTheThemeToggle), async () =>
    {
        using var vault = new TempVault("code").Write("Snippet.md", "```python\ndef answer():\n    return 42\n```\n");
        await App.ImportVaultAsync(vault.Root);
        var keyword = Page.Locator(".note-body pre .hljs-keyword").First;
        async Task<string> ColourAsync(ColorScheme system)
        {
            await Page.EmulateMediaAsync(new() { ColorScheme = system });
            await Page.GotoAsync("/notes/code/snippet");
            return await keyword.EvaluateAsync<string>("e => getComputedStyle(e).color");
        }
        var dark = await ColourAsync(ColorScheme.Dark);
        var light = await ColourAsync(ColorScheme.Light);
        Assert.NotEqual(light, dark);

        await Page.GetByRole(AriaRole.Button, new() { Name = "Switch between light and dark theme" }).ClickAsync();

        await Expect(keyword).ToHaveCSSAsync("color", dark);
    });

    [Fact]
    public Task AContentsEntryKeepsTheNotesAddressThroughReloadAndHistory() => JourneyAsync(nameof(AContentsEntryKeepsTheNotesAddressThroughReloadAndHistory), async () =>
    {
        var note = new Uri(BaseAddress, "/notes/cs224n/lectures/multimodal-deep-learning").ToString();
        var section = Page.GetByRole(AriaRole.Heading, new() { Name = "Why does MultiModality matter?" });
        await Page.GotoAsync(note);

        await Page.Locator("nav.toc").GetByRole(AriaRole.Link, new() { Name = "Why does MultiModality matter?" }).ClickAsync();
        await Expect(Page).ToHaveURLAsync(note + "#why-does-multimodality-matter");
        await Expect(section).ToBeInViewportAsync();

        await Page.ReloadAsync();
        await Expect(Page).ToHaveURLAsync(note + "#why-does-multimodality-matter");
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Multimodal Deep Learning", Level = 1 })).ToBeAttachedAsync();
        await Expect(section).ToBeInViewportAsync();

        await Page.GoBackAsync(new() { WaitUntil = WaitUntilState.Commit });
        await Expect(Page).ToHaveURLAsync(note);
        await Page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        await Page.GoForwardAsync(new() { WaitUntil = WaitUntilState.Commit });
        await Expect(Page).ToHaveURLAsync(note + "#why-does-multimodality-matter");
        await Expect(section).ToBeInViewportAsync();
        await Page.WaitForLoadStateAsync(LoadState.NetworkIdle);

        // The address used to become "/#…", from where Blazor retried its navigation about 40 times a second. On a busy
        // machine the enhanced navigation that going back starts can be cut short by going forward, and Blazor then falls
        // back once to a full load, whose recording's outside resources cannot be reached here (CI run of 7 Dec 2026).
        var logged = ConsoleMessages.Count;
        await Page.WaitForTimeoutAsync(1000);
        var later = ConsoleMessages.Skip(logged).ToList();
        Assert.DoesNotContain(later, message => message.Contains("/#", StringComparison.Ordinal));
        Assert.True(later.Count(message => message.Contains("Enhanced navigation failed", StringComparison.Ordinal)) <= 1, string.Join('\n', later));
        Assert.DoesNotContain(later, message => message.StartsWith("error:", StringComparison.Ordinal)
            && !message.Contains("net::ERR_NAME_NOT_RESOLVED", StringComparison.Ordinal));
    });
}
