using Microsoft.Playwright;
using StudyHub.Testing;
using static Microsoft.Playwright.Assertions;

namespace StudyHub.Browser.Tests;

public sealed class VaultJourneyTests(BrowserApp app) : BrowserTest(app)
{
    [Fact]
    public Task FromHomeThroughTheVaultsPagesAndItsFilterToANote() => JourneyAsync(nameof(FromHomeThroughTheVaultsPagesAndItsFilterToANote), async () =>
    {
        using (var shelf = new TempVault("shelf"))
        {
            for (var i = 0; i < 150; i++)
            {
                shelf.Write($"Book {i:D3}.md", $"Page {i}.");
            }
            await App.ImportVaultAsync(shelf.Root, "shelf");
        }
        var notes = Page.Locator(".note-list li");

        await Page.GotoAsync("/");
        await Page.GetByRole(AriaRole.Link, new() { Name = "All 150 notes" }).ClickAsync();
        await Expect(Page).ToHaveURLAsync(new Uri(BaseAddress, "/vaults/shelf").ToString());
        await Expect(notes).ToHaveCountAsync(100);
        await Expect(notes.First).ToContainTextAsync("Book 000");

        await Page.GetByRole(AriaRole.Link, new() { Name = "Next" }).ClickAsync();
        await Expect(notes).ToHaveCountAsync(50);
        await Expect(notes.First).ToContainTextAsync("Book 100");
        await Page.GetByRole(AriaRole.Link, new() { Name = "Previous" }).ClickAsync();
        await Expect(notes).ToHaveCountAsync(100);
        await Expect(notes.Last).ToContainTextAsync("Book 099");

        var filter = Page.GetByLabel("Title or path contains");
        await filter.FillAsync("book 12");
        await filter.PressAsync("Enter");
        await Expect(Page).ToHaveURLAsync(new Uri(BaseAddress, "/vaults/shelf?q=book+12").ToString());
        await Expect(notes).ToHaveCountAsync(10);
        await notes.GetByRole(AriaRole.Link, new() { Name = "Book 123" }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Book 123", Level = 1 })).ToBeVisibleAsync();
    });
}
