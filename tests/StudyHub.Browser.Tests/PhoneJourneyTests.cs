using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace StudyHub.Browser.Tests;

/// A student on a phone (390×844, touch): signs in from the header's menu, opens a lecture, taps a time and annotates a
/// passage, never scrolling sideways and never zoomed in.
public sealed class PhoneJourneyTests(BrowserApp app) : BrowserTest(app)
{
    protected override BrowserNewContextOptions ContextOptions(BrowserNewContextOptions options)
    {
        options.ViewportSize = new() { Width = 390, Height = 844 };
        options.DeviceScaleFactor = 3;
        options.IsMobile = true;
        options.HasTouch = true;
        return options;
    }

    [Fact]
    public Task SignInOpenALectureTapATimeAndAnnotateWithoutZoomingOrScrollingSideways() =>
        JourneyAsync(nameof(SignInOpenALectureTapATimeAndAnnotateWithoutZoomingOrScrollingSideways), async () =>
    {
        await App.CreateUserAsync("phone@example.org", displayName: "Pat");
        await Page.RouteAsync(YouTubeStandIn.ApiUrl, route => route.FulfillAsync(new() { ContentType = "text/javascript", Body = YouTubeStandIn.Script }));

        await Page.GotoAsync("/");
        await FitsAsync("home");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Menu" }).TapAsync();
        await Page.Locator("#site-menu").GetByRole(AriaRole.Link, new() { Name = "Sign in", Exact = true }).TapAsync();
        await TypeAsync(Page.Locator("#login-email"), "phone@example.org");
        await TypeAsync(Page.Locator("#login-password"), StudyHub.Testing.StudyHubApp.Password);
        await FitsAsync("the sign-in form");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).TapAsync();
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Lectures and notes" })).ToBeVisibleAsync();
        await Page.GetByRole(AriaRole.Button, new() { Name = "Menu" }).TapAsync();
        await Expect(Page.Locator("#site-menu").GetByRole(AriaRole.Button, new() { Name = "Sign out" })).ToBeVisibleAsync();
        await Page.Keyboard.PressAsync("Escape");

        await Page.GotoAsync("/");
        await Page.GetByRole(AriaRole.Link, new() { Name = "Multimodal Deep Learning", Exact = true }).TapAsync();
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Multimodal Deep Learning", Level = 1 })).ToBeVisibleAsync();
        await Page.WaitForFunctionAsync("() => window.youTubeCalls && window.youTubeCalls.created.length === 1");
        await FitsAsync("the lecture");

        await Page.Locator(".note-body a.timestamp", new() { HasText = "28:00" }).TapAsync();
        await Page.WaitForFunctionAsync("() => window.youTubeCalls.seeks.includes(1680)");
        var marker = Page.Locator("[data-timeline][data-duration] a[data-seconds='1680']");
        await marker.TapAsync();
        await Expect(Page.Locator("[data-timeline-passage]")).ToContainTextAsync("28:00");
        await FitsAsync("the lecture after tapping a time");

        await SelectByLongPressAsync("Treat them separately");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Annotate", Exact = true }).TapAsync();
        await FitsAsync("the lecture with a passage selected");
        await TypeAsync(Page.GetByLabel("Your annotation"), "On a phone: late fusion keeps each encoder.");
        await Page.Locator("[data-composer] button[type=submit]").TapAsync();
        await Expect(Page.Locator(".annotation", new() { HasText = "On a phone: late fusion keeps each encoder." })).ToBeVisibleAsync();
        await Expect(Page.Locator("mark.annotation-highlight", new() { HasText = "Treat them separately" })).ToBeVisibleAsync();
        await FitsAsync("the lecture with its annotation");
    });

    [Fact]
    public Task ATapOnATimelineMarkerShowsItsPassageAndASecondTapSeeks() =>
        JourneyAsync(nameof(ATapOnATimelineMarkerShowsItsPassageAndASecondTapSeeks), async () =>
    {
        using var vault = new StudyHub.Testing.TempVault("tapped")
            .Write("Tapped lecture.md", "![[lecture.webm]]\n\nWe start at 0:03. The key idea comes at 0:05.\n")
            .Write("media/lecture.webm", File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Media", "lecture.webm")));
        await App.ImportVaultAsync(vault.Root, "tapped");
        await Page.GotoAsync("/notes/tapped/tapped-lecture");
        var marker = Page.Locator("[data-timeline][data-duration] a[data-seconds='5']");
        await Expect(marker).ToBeVisibleAsync();

        await marker.TapAsync();

        await Expect(Page.Locator("[data-timeline-passage]")).ToHaveTextAsync("0:05 The key idea comes at 0:05.");
        Assert.Equal(0, await Page.EvaluateAsync<double>("() => document.querySelector('video').currentTime"));
        Assert.DoesNotContain("?t=", Page.Url, StringComparison.Ordinal);

        await marker.TapAsync();

        await Page.WaitForFunctionAsync("() => { const v = document.querySelector('video'); return v.currentTime >= 5 && v.currentTime < 6.5; }");
        Assert.EndsWith("?t=5", Page.Url, StringComparison.Ordinal);
    });

    /// Selects the text as a long press and the selection's handles do: a touch goes down on the text, the selection
    /// changes, and no mouse button is released (Playwright cannot press long on text).
    async Task SelectByLongPressAsync(string text)
    {
        await DiscussionJourneyTests.WaitForTheDiscussionAsync(Page);
        var found = await Page.EvaluateAsync<bool>("""
            text => {
              const walker = document.createTreeWalker(document.querySelector(".note-body"), NodeFilter.SHOW_TEXT);
              for (let node = walker.nextNode(); node; node = walker.nextNode()) {
                const at = node.nodeValue.indexOf(text);
                if (at >= 0) {
                  node.parentElement.dispatchEvent(new PointerEvent("pointerdown", { bubbles: true, pointerType: "touch", isPrimary: true }));
                  const range = document.createRange();
                  range.setStart(node, at);
                  range.setEnd(node, at + text.length);
                  document.getSelection().removeAllRanges();
                  document.getSelection().addRange(range);
                  return true;
                }
              }
              return false;
            }
            """, text);
        Assert.True(found, $"No \"{text}\" in the note.");
    }

    /// Taps a field and types, as a thumb would: a field under 16px makes a phone's browser zoom in on focus.
    static async Task TypeAsync(ILocator field, string text)
    {
        await field.TapAsync();
        var fontSize = await field.EvaluateAsync<double>("e => parseFloat(getComputedStyle(e).fontSize)");
        Assert.True(fontSize >= 16, $"A {fontSize}px field zooms the page in when it takes focus.");
        await field.FillAsync(text);
    }

    async Task FitsAsync(string where)
    {
        var window = await Page.EvaluateAsync<System.Text.Json.JsonElement>(
            "() => ({ scrollWidth: document.documentElement.scrollWidth, innerWidth, scale: visualViewport.scale })");
        var scrollWidth = window.GetProperty("scrollWidth").GetInt32();
        var innerWidth = window.GetProperty("innerWidth").GetInt32();
        Assert.True(scrollWidth <= innerWidth, $"{where} scrolls sideways: {scrollWidth}px in a {innerWidth}px window.");
        Assert.Equal(1, window.GetProperty("scale").GetDouble());
    }
}
