using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using StudyHub.Web.Data;
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
}
