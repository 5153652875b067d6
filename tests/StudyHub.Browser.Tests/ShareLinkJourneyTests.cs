using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using StudyHub.Testing;
using StudyHub.Web.Data;
using StudyHub.Web.Features.Accounts;
using StudyHub.Web.Features.Sharing;
using static Microsoft.Playwright.Assertions;

namespace StudyHub.Browser.Tests;

public sealed class ShareLinkJourneyTests(BrowserApp app) : BrowserTest(app)
{
    [Fact]
    public Task ARevokedLinkExplainsItselfInsideTheSiteAndLeadsToSignIn() => JourneyAsync(nameof(ARevokedLinkExplainsItselfInsideTheSiteAndLeadsToSignIn), async () =>
    {
        await App.CreateUserAsync("sharer@example.org");
        var contexts = App.Services.GetRequiredService<IDbContextFactory<StudyHubDbContext>>();
        var token = NoteShare.NewToken();
        await using (var db = await contexts.CreateDbContextAsync())
        {
            var now = DateTimeOffset.UtcNow;
            db.NoteShares.Add(new NoteShare
            {
                Token = token, NoteId = await db.Notes.Where(n => n.Slug == "multimodal-deep-learning").Select(n => n.Id).SingleAsync(),
                CreatedById = await db.Users.Where(u => u.Email == "sharer@example.org").Select(u => u.Id).SingleAsync(),
                CreatedAt = now.AddDays(-2), ExpiresAt = now.AddDays(5), RevokedAt = now.AddDays(-1),
            });
            await db.SaveChangesAsync();
        }

        var response = await Page.GotoAsync($"/shared/{token}");

        Assert.Equal(410, response!.Status);
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "This share link no longer works", Level = 1 })).ToBeVisibleAsync();
        await Expect(Page.GetByText("It was revoked on")).ToBeVisibleAsync();
        await Expect(Page.GetByRole(AriaRole.Navigation, new() { Name = "Main" })).ToBeVisibleAsync();
        await Page.GetByRole(AriaRole.Main).GetByRole(AriaRole.Link, new() { Name = "sign in" }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Sign in", Level = 1 })).ToBeVisibleAsync();
    });

    [Fact]
    public Task AMadeUpLinkIsNotFoundAndLeadsHome() => JourneyAsync(nameof(AMadeUpLinkIsNotFoundAndLeadsHome), async () =>
    {
        var response = await Page.GotoAsync($"/shared/{NoteShare.NewToken()}");

        Assert.Equal(404, response!.Status);
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Not found", Level = 1 })).ToBeVisibleAsync();
        await Page.GetByRole(AriaRole.Link, new() { Name = "Back to the lectures" }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Link, new() { Name = "Multimodal Deep Learning", Exact = true })).ToBeVisibleAsync();
    });

    [Fact]
    public Task AShareLinkStopsOpeningTheNoteAndItsImageOnceRevoked() => JourneyAsync(nameof(AShareLinkStopsOpeningTheNoteAndItsImageOnceRevoked), async () =>
    {
        await MembersOnlyVaultAsync();
        await App.CreateUserAsync("sharing-editor@example.org", Roles.Editor);
        var browser = await Browser.GetAsync();
        await using var editorContext = await browser.NewContextAsync(new() { BaseURL = BaseAddress.ToString() });
        var editor = await editorContext.NewPageAsync();
        await DiscussionJourneyTests.SignInAsync(editor, "sharing-editor@example.org");
        await editor.GotoAsync(ClosedNote);
        await editor.GetByRole(AriaRole.Button, new() { Name = "Create share link" }).ClickAsync();
        var link = await editor.GetByRole(AriaRole.Textbox, new() { Name = "Share link" }).InputValueAsync();

        var opened = await Page.GotoAsync(link);
        Assert.Equal(200, opened!.Status);
        Assert.EndsWith(ClosedNote, Page.Url, StringComparison.Ordinal);
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Door Note", Level = 1 })).ToBeVisibleAsync();
        await Expect(Page.GetByText("behind the door")).ToBeVisibleAsync();
        var image = Page.Locator(".note-body img").First;
        await Expect(image).ToBeVisibleAsync();
        Assert.True(await image.EvaluateAsync<bool>("img => img.complete && img.naturalWidth > 0"), "The note's image did not load for the link's holder.");
        var imageUrl = new Uri(new Uri(Page.Url), await image.GetAttributeAsync("src")).ToString();

        await editor.GotoAsync(ClosedNote);
        await editor.GetByRole(AriaRole.Button, new() { Name = "Revoke" }).ClickAsync();
        await Expect(editor.GetByRole(AriaRole.Textbox, new() { Name = "Share link" })).ToHaveCountAsync(0);

        var reopened = await Page.GotoAsync(link);
        Assert.Equal(410, reopened!.Status);
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "This share link no longer works", Level = 1 })).ToBeVisibleAsync();
        // The browser still has the image in its cache; it must ask again and be refused, as a new <img> on the page would.
        var loadsAgain = await Page.EvaluateAsync<bool>("""
            url => new Promise(resolve => {
              const img = new Image();
              img.onload = () => resolve(img.naturalWidth > 0);
              img.onerror = () => resolve(false);
              img.src = url;
            })
            """, imageUrl);
        Assert.False(loadsAgain, $"{imageUrl} still loads after the link was revoked.");
        var direct = await Page.GotoAsync(imageUrl);
        Assert.Equal(404, direct!.Status);
        var note = await Page.GotoAsync(ClosedNote);
        Assert.Equal(404, note!.Status);
    });

    [Fact]
    public Task AVisitorSeesThePageOfAMissingNoteAtAPrivateNotesAddress() => JourneyAsync(nameof(AVisitorSeesThePageOfAMissingNoteAtAPrivateNotesAddress), async () =>
    {
        await MembersOnlyVaultAsync();

        var (privateStatus, privateTitle, privateText) = await OpenAsync(ClosedNote);
        var (missingStatus, missingTitle, missingText) = await OpenAsync(MadeUpNote);

        Assert.Equal(404, privateStatus);
        Assert.Equal((missingStatus, missingTitle), (privateStatus, privateTitle));
        Assert.Equal(missingText.Replace(MadeUpNote, "{address}", StringComparison.Ordinal),
            privateText.Replace(ClosedNote, "{address}", StringComparison.Ordinal));
        Assert.DoesNotContain("behind the door", privateText, StringComparison.Ordinal);
    });

    const string ClosedNote = "/notes/closed/door-note";
    const string MadeUpNote = "/notes/closed/door-nose";

    /// What a visitor sees at an address: the status, the title, and the text of the page's main region.
    async Task<(int Status, string Title, string Text)> OpenAsync(string address)
    {
        var response = await Page.GotoAsync(address);
        return (response!.Status, await Page.TitleAsync(), await Page.GetByRole(AriaRole.Main).InnerTextAsync());
    }

    /// A members-only vault whose one note embeds an image; imported once for this class's app.
    async Task MembersOnlyVaultAsync()
    {
        await using var db = App.Database.CreateContext();
        if (await db.Vaults.AnyAsync(v => v.Name == "closed"))
        {
            return;
        }
        using var vault = new TempVault("closed")
            .Write("Door Note.md", "# Door Note\n\nContrastive learning, behind the door.\n\n![[door.png]]")
            .Write("door.png", Convert.FromBase64String(OnePixelPng));
        await App.ImportVaultAsync(vault.Root, "closed");
        await db.Vaults.Where(v => v.Name == "closed").ExecuteUpdateAsync(v => v.SetProperty(x => x.MembersOnly, true));
    }

    const string OnePixelPng = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==";
}
