using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using StudyHub.Testing;

namespace StudyHub.Web.Tests.Accounts;

public sealed class SignInTests(OpenRegistrationApp app) : IClassFixture<OpenRegistrationApp>
{
    [Fact]
    public async Task RegisteringSignsInAndTheHeaderShowsTheEmail()
    {
        using var registering = app.CreateClient();
        using var registered = await StudyHubApp.PostFormAsync(registering, "/account/register", "register",
            new() { ["Input.Email"] = "ada@example.org", ["Input.Password"] = StudyHubApp.Password });
        using var later = app.CreateClient();
        using var signedIn = await StudyHubApp.SignInAsync(later, "ada@example.org");
        var home = await later.GetStringAsync(new Uri("/", UriKind.Relative));

        Assert.Contains("ada@example.org", await registered.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("<span class=\"account-email\">ada@example.org</span>", home, StringComparison.Ordinal);
        Assert.Contains("Sign out", home, StringComparison.Ordinal);
        await using var db = app.Database.CreateContext();
        var user = await db.Users.SingleAsync(u => u.Email == "ada@example.org");
        // Anyone may register here, so registering alone does not open members-only vaults.
        Assert.False(await db.UserRoles.AnyAsync(role => role.UserId == user.Id));
    }

    [Fact]
    public async Task RegisteringGrantsTheMemberRoleWhenConfigured()
    {
        using var granting = app.WithWebHostBuilder(builder => builder.UseSetting("Accounts:NewAccountsAreMembers", "true"));
        using var registering = granting.CreateClient();

        using var registered = await StudyHubApp.PostFormAsync(registering, "/account/register", "register",
            new() { ["Input.Email"] = "grace@example.org", ["Input.Password"] = StudyHubApp.Password });

        Assert.Contains("grace@example.org", await registered.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await using var db = app.Database.CreateContext();
        var user = await db.Users.SingleAsync(u => u.Email == "grace@example.org");
        Assert.True(await db.UserRoles.AnyAsync(role => role.UserId == user.Id && role.RoleId == "member"));
    }

    [Fact]
    public async Task AnonymousHeaderOffersSignInAndRegister()
    {
        using var client = app.CreateClient();

        var home = await client.GetStringAsync(new Uri("/", UriKind.Relative));

        Assert.Contains("href=\"/account/login\"", home, StringComparison.Ordinal);
        Assert.Contains("href=\"/account/register\"", home, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FiveWrongPasswordsLockTheAccountOut()
    {
        await app.CreateUserAsync("grace@example.org");
        using var client = app.CreateClient();

        for (var attempt = 0; attempt < 5; attempt++)
        {
            using var wrong = await StudyHubApp.SignInAsync(client, "grace@example.org", "not the password at all");
        }
        using var right = await StudyHubApp.SignInAsync(client, "grace@example.org");

        Assert.Contains("locked for 15 minutes", await right.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var home = await client.GetStringAsync(new Uri("/", UriKind.Relative));
        Assert.DoesNotContain("grace@example.org", home, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("https://evil.example/steal")]
    [InlineData("//evil.example/steal")]
    [InlineData("/\\evil.example/steal")]
    public async Task AReturnUrlToAnotherHostIsIgnored(string returnUrl)
    {
        var email = $"{Guid.NewGuid():N}@example.org";
        await app.CreateUserAsync(email);
        using var client = app.CreateClient();

        using var response = await StudyHubApp.SignInAsync(client, email, returnUrl: returnUrl);

        Assert.Equal("localhost", response.RequestMessage!.RequestUri!.Host);
        Assert.Equal("/", response.RequestMessage.RequestUri.AbsolutePath);
    }

    [Fact]
    public async Task ALocalReturnUrlIsFollowed()
    {
        await app.CreateUserAsync("linus@example.org");
        using var client = app.CreateClient();

        using var response = await StudyHubApp.SignInAsync(client, "linus@example.org", returnUrl: "/search?q=attention");

        Assert.Equal("/search?q=attention", response.RequestMessage!.RequestUri!.PathAndQuery);
    }
}
