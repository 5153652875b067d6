using System.Text.RegularExpressions;
using Microsoft.Playwright;
using StudyHub.Testing;
using static Microsoft.Playwright.Assertions;

namespace StudyHub.Browser.Tests;

public sealed partial class PaperJourneyTests(BrowserApp app) : BrowserTest(app)
{
    // Each page says a word no other page, note or sample says.
    static readonly byte[] Paper = TestPapers.Pdf("Introduction to sparse attention", "Related work on routing", "We prove the quokkalemma holds");

    async Task ImportReadingGroupAsync()
    {
        using var vault = new TempVault("reading-group")
            .Write("Session.md", "The proof is in [[paper.pdf#page=3|the third page]].\n\nThe related work:\n\n![[paper.pdf#page=2]]\n")
            .Write("papers/paper.pdf", Paper);
        await App.ImportVaultAsync(vault.Root);
    }

    [Fact]
    public Task ALinkToAPageOfAPaperShowsThatPageAndEscapeGivesFocusBack() => JourneyAsync(nameof(ALinkToAPageOfAPaperShowsThatPageAndEscapeGivesFocusBack), async () =>
    {
        await ImportReadingGroupAsync();
        await Page.GotoAsync("/notes/reading-group/session");
        var link = Page.GetByRole(AriaRole.Link, new() { Name = "the third page" });

        await link.ClickAsync();

        var viewer = Page.GetByRole(AriaRole.Dialog, new() { Name = "the third page" });
        await Expect(viewer).ToBeVisibleAsync();
        await Expect(viewer.Locator(".pdf-view")).ToHaveAttributeAsync("data-page", "3");
        await Expect(viewer.Locator(".pdf-controls")).ToContainTextAsync("Page 3 of 3");
        await Expect(viewer.Locator("canvas")).ToHaveTextAsync(new Regex("quokkalemma"));
        Assert.True(await viewer.Locator("canvas").EvaluateAsync<bool>(DrawnScript), "page 3 is drawn on the canvas");

        await Page.Keyboard.PressAsync("Escape");

        await Expect(viewer).ToBeHiddenAsync();
        await Expect(link).ToBeFocusedAsync();
        Assert.DoesNotContain(ConsoleMessages, m => m.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase));
    });

    [Fact]
    public Task AnEmbeddedPaperShowsItsPageInPlaceAndTurnsPages() => JourneyAsync(nameof(AnEmbeddedPaperShowsItsPageInPlaceAndTurnsPages), async () =>
    {
        await ImportReadingGroupAsync();
        await Page.GotoAsync("/notes/reading-group/session");
        var embed = Page.Locator(".note-body .embed-pdf .pdf-view");

        await Expect(embed).ToHaveAttributeAsync("data-page", "2");
        await Expect(embed.Locator("canvas")).ToHaveTextAsync(new Regex("routing"));

        await embed.GetByRole(AriaRole.Button, new() { Name = "Next page" }).ClickAsync();

        await Expect(embed).ToHaveAttributeAsync("data-page", "3");
        await Expect(embed.Locator("canvas")).ToHaveTextAsync(new Regex("quokkalemma"));
        await Expect(embed.GetByRole(AriaRole.Button, new() { Name = "Next page" })).ToBeDisabledAsync();
        Assert.DoesNotContain(ConsoleMessages, m => m.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase));
    });

    [Fact]
    public Task SearchingAWordOnlyOnPageThreeOpensThePaperAtPageThree() => JourneyAsync(nameof(SearchingAWordOnlyOnPageThreeOpensThePaperAtPageThree), async () =>
    {
        await ImportReadingGroupAsync();
        await Page.GotoAsync("/search?q=quokkalemma");

        await Page.GetByRole(AriaRole.Link, new() { Name = "paper.pdf, page 3" }).ClickAsync();

        await Expect(Page).ToHaveURLAsync(new Regex(@"/papers/[0-9a-f]{64}/paper\.pdf\?page=3$"));
        var view = Page.Locator(".paper .pdf-view");
        await Expect(view).ToHaveAttributeAsync("data-page", "3");
        await Expect(view.Locator("canvas")).ToHaveTextAsync(new Regex("quokkalemma"));
    });

    // Some pixel of the canvas is dark: the page's text was painted, not only the white page.
    const string DrawnScript = """
        canvas => {
            const pixels = canvas.getContext("2d").getImageData(0, 0, canvas.width, canvas.height).data;
            for (let i = 0; i < pixels.length; i += 4) {
                if (pixels[i + 3] > 0 && pixels[i] < 100 && pixels[i + 1] < 100 && pixels[i + 2] < 100) return true;
            }
            return false;
        }
        """;
}
