using Microsoft.EntityFrameworkCore;
using StudyHub.Testing;
using StudyHub.Web.Features.Accounts;

namespace StudyHub.Web.Tests.Accounts;

public sealed class DeleteAccountTests(AccountApp app) : IClassFixture<AccountApp>
{
    /// Someone who wrote a members' and a private annotation, a note comment, a private note comment and a reply; another
    /// member replied under their annotation. Returns their client, signed in, and the other member's email.
    async Task<(HttpClient Client, string Email, string Other)> DiscussedAsync(string name)
    {
        var (email, other) = ($"{name}-{Guid.NewGuid():N}@example.org", $"other-{Guid.NewGuid():N}@example.org");
        await app.CreateUserAsync(email, displayName: name);
        await app.CreateUserAsync(other, displayName: $"{name}'s colleague");
        var client = await app.ClientAsync(email);
        var annotation = await AccountApp.AnnotateAsync(client);
        await AccountApp.AnnotateAsync(client, "OnlyMe");
        await AccountApp.CommentAsync(client);
        await AccountApp.CommentAsync(client, "OnlyMe");
        await AccountApp.ReplyAsync(client, annotation);
        using var otherClient = await app.ClientAsync(other);
        await AccountApp.ReplyAsync(otherClient, annotation);
        return (client, email, other);
    }

    static Task<HttpResponseMessage> DeleteAsync(HttpClient client, string choice, string password = StudyHubApp.Password) =>
        StudyHubApp.PostFormAsync(client, "/account/delete", "delete-account", new() { ["Input.Discussion"] = choice, ["Input.Password"] = password });

    [Fact]
    public async Task TheConfirmationSaysWhatGoesAndWhatMayStay()
    {
        var (client, email, _) = await DiscussedAsync("Hedy");
        using (client)
        {
            var page = await client.GetStringAsync(new Uri("/account/delete", UriKind.Relative));

            Assert.Contains($"Deleting <strong>{email}</strong> cannot be undone", page, StringComparison.Ordinal);
            Assert.Contains("You wrote 2 annotations and 3 comments and replies.", page, StringComparison.Ordinal);
            Assert.Contains("signed “a former member” instead of Hedy", page, StringComparison.Ordinal);
            Assert.Contains("with the 1 reply others wrote under your annotations", page, StringComparison.Ordinal);
            Assert.Contains("Either way your 1 private annotation and 1 private comment or reply (seen by you alone) are removed.", page, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task KeepingLeavesWhatOthersCouldReadUnderAFormerMember()
    {
        var (client, email, _) = await DiscussedAsync("Joan");
        using (client)
        {
            using var deleted = await DeleteAsync(client, "Keep");

            Assert.Contains("Your account is deleted", await deleted.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        var authors = await app.AuthorsAsync();
        Assert.Equal(3, authors.Count(author => author == StudyHubUser.FormerMemberName));
        Assert.Contains("Joan's colleague", authors);
        Assert.DoesNotContain("Joan", authors);
        await using var db = app.Database.CreateContext();
        Assert.False(await db.Users.AnyAsync(u => u.Email == email));
        Assert.Equal(0, await db.Annotations.CountAsync(a => a.Visibility == Features.Annotations.AnnotationVisibility.OnlyMe && a.AuthorId == StudyHubUser.FormerMemberId));
        Assert.False(await app.SignsInAsync(email));
    }

    [Fact]
    public async Task RemovingTakesEverythingTheyWroteAndTheThreadsUnderIt()
    {
        var (client, email, other) = await DiscussedAsync("Katherine");
        await using var db = app.Database.CreateContext();
        var before = await db.Comments.CountAsync();
        using (client)
        {
            using var deleted = await DeleteAsync(client, "Remove");

            Assert.Contains("Your account is deleted", await deleted.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        var authors = await app.AuthorsAsync();
        Assert.DoesNotContain("Katherine", authors);
        Assert.DoesNotContain("Katherine's colleague", authors);
        Assert.DoesNotContain(StudyHubUser.FormerMemberName, authors);
        Assert.Equal(before - 4, await db.Comments.CountAsync());
        Assert.True(await db.Users.AnyAsync(u => u.Email == other));
        Assert.False(await db.Users.AnyAsync(u => u.Email == email));
    }

    [Fact]
    public async Task DeletingNeedsThePasswordAndAChoice()
    {
        var (client, email, _) = await DiscussedAsync("Barbara");
        using (client)
        {
            using var wrongPassword = await DeleteAsync(client, "Remove", "not the password at all");
            using var noChoice = await StudyHubApp.PostFormAsync(client, "/account/delete", "delete-account", new() { ["Input.Password"] = StudyHubApp.Password });

            Assert.Contains("That is not your current password.", await wrongPassword.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            Assert.Contains("Choose whether to keep or remove", await noChoice.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        Assert.True(await app.SignsInAsync(email));
        Assert.Contains("Barbara", await app.AuthorsAsync());
    }

    [Fact]
    public async Task TheOnlyAdminCannotDeleteTheirAccount()
    {
        var email = $"root-{Guid.NewGuid():N}@example.org";
        await using (var db = app.Database.CreateContext())
        {
            Assert.False(await db.UserRoles.AnyAsync(r => r.RoleId == Roles.Admin));
        }
        await app.CreateUserAsync(email, Roles.Admin);
        using var client = await app.ClientAsync(email);

        using var refused = await DeleteAsync(client, "Keep");

        Assert.Contains("You are the only admin.", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.True(await app.SignsInAsync(email));
    }
}
