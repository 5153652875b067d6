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

/// The same on a phone (390×844, touch): a tap opens the image, a tap on Close closes it, and the picture fits the screen.
public sealed class PhoneImageViewerJourneyTests(BrowserApp app) : BrowserTest(app)
{
    protected override BrowserNewContextOptions ContextOptions(BrowserNewContextOptions options)
    {
        options.ViewportSize = new() { Width = 390, Height = 844 };
        options.IsMobile = true;
        options.HasTouch = true;
        return options;
    }

    [Fact]
    public Task ATapOpensTheImageAndATapOnCloseClosesIt() => JourneyAsync(nameof(ATapOpensTheImageAndATapOnCloseClosesIt), async () =>
    {
        using var vault = new TempVault("phone-pictures")
            .Write("Figures.md", "![[wide.png|A wide chart]]\n")
            .Write("wide.png", TestImages.Png(1600, 400, (30, 30, 200)));
        await App.ImportVaultAsync(vault.Root);
        await Page.GotoAsync("/notes/phone-pictures/figures");
        var image = Page.Locator(".note-body img");

        await image.TapAsync();

        var viewer = Page.GetByRole(AriaRole.Dialog, new() { Name = "A wide chart" });
        await Expect(viewer).ToBeVisibleAsync();
        var shown = (await viewer.GetByRole(AriaRole.Img).BoundingBoxAsync())!;
        Assert.True(shown.X >= 0 && shown.X + shown.Width <= 390, $"the picture fits the screen's width: {shown.X} + {shown.Width}");
        await viewer.GetByRole(AriaRole.Button, new() { Name = "Close" }).TapAsync();
        await Expect(viewer).ToBeHiddenAsync();
        await Expect(image).ToBeFocusedAsync();
    });
}
