using Microsoft.Playwright;
using StudyHub.Testing;
using static Microsoft.Playwright.Assertions;

namespace StudyHub.Browser.Tests;

public sealed class ImageViewerJourneyTests(BrowserApp app) : BrowserTest(app)
{
    async Task<ILocator> OpenFiguresAsync()
    {
        using var vault = new TempVault("pictures")
            .Write("Figures.md", "Before the figure.\n\n![[diagram.png|A red diagram]]\n\nAfter the figure.\n")
            .Write("img/diagram.png", TestImages.Png(1200, 600, (200, 30, 30)));
        await App.ImportVaultAsync(vault.Root);
        await Page.GotoAsync("/notes/pictures/figures");
        return Page.Locator(".note-body img");
    }

    [Fact]
    public Task AnImageOpensFullSizeAndEscapeGivesFocusBack() => JourneyAsync(nameof(AnImageOpensFullSizeAndEscapeGivesFocusBack), async () =>
    {
        var image = await OpenFiguresAsync();
        await Expect(image).ToHaveAttributeAsync("width", "1200");
        await Expect(image).ToHaveAttributeAsync("height", "600");
        await Expect(image).ToHaveAttributeAsync("loading", "lazy");
        var inPage = (await image.BoundingBoxAsync())!;

        await image.ClickAsync();

        var viewer = Page.GetByRole(AriaRole.Dialog, new() { Name = "A red diagram" });
        await Expect(viewer).ToBeVisibleAsync();
        var picture = viewer.GetByRole(AriaRole.Img, new() { Name = "A red diagram" });
        await Expect(picture).ToHaveJSPropertyAsync("naturalWidth", 1200);
        Assert.True((await picture.BoundingBoxAsync())!.Width > inPage.Width * 1.3, "the viewer shows the image larger than the page does");

        await Page.Keyboard.PressAsync("Escape");

        await Expect(viewer).ToBeHiddenAsync();
        await Expect(image).ToBeFocusedAsync();
    });

    [Fact]
    public Task AFocusedImageOpensWithEnterAndItsCloseButtonGivesFocusBack() => JourneyAsync(nameof(AFocusedImageOpensWithEnterAndItsCloseButtonGivesFocusBack), async () =>
    {
        var image = await OpenFiguresAsync();
        await Expect(image).ToHaveAttributeAsync("tabindex", "0");
        await image.FocusAsync();

        await Page.Keyboard.PressAsync("Enter");

        var viewer = Page.GetByRole(AriaRole.Dialog, new() { Name = "A red diagram" });
        await Expect(viewer).ToBeVisibleAsync();
        await Expect(viewer.Locator("figcaption")).ToHaveTextAsync("A red diagram");
        await viewer.GetByRole(AriaRole.Button, new() { Name = "Close" }).ClickAsync();
        await Expect(viewer).ToBeHiddenAsync();
        await Expect(image).ToBeFocusedAsync();
    });
}
