using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using StudyHub.Testing;

namespace StudyHub.Web.Tests.Accounts;

public sealed class SignInTests(OpenRegistrationApp app) : IClassFixture<OpenRegistrationApp>
{
    [Fact]
    public async Task RegisteringAndConfirmingLetsOneSignInAndTheHeaderShowsThePartOfTheEmailBeforeTheAt()
    {
        using var registering = app.CreateClient();
        using var registered = await EmailConfirmationTests.Register(registering, "ada@example.org");
        using var confirmed = await registering.GetAsync(new Uri(app.Emails.LinkTo("ada@example.org", "/account/confirm"), UriKind.Relative));
        using var later = app.CreateClient();
        using var signedIn = await StudyHubApp.SignInAsync(later, "ada@example.org");
        var home = await later.GetStringAsync(new Uri("/", UriKind.Relative));

        Assert.Contains("<a class=\"account-name\" href=\"/account\">ada</a>", home, StringComparison.Ordinal);
        Assert.DoesNotContain("ada@example.org", home, StringComparison.Ordinal);
        Assert.Contains("Sign out", home, StringComparison.Ordinal);
        await using var db = app.Database.CreateContext();
        var user = await db.Users.SingleAsync(u => u.Email == "ada@example.org");
        // Anyone may register here, so registering alone does not open members-only vaults.
        Assert.False(await db.UserRoles.AnyAsync(role => role.UserId == user.Id));
    }

    [Fact]
    public async Task ANameChosenAtRegistrationIsShownInTheHeader()
    {
        using var client = app.CreateClient();
        using var registered = await StudyHubApp.PostFormAsync(client, "/account/register", "register", new()
        {
            ["Input.Email"] = "radia@example.org", ["Input.DisplayName"] = "Radia P.", ["Input.Password"] = StudyHubApp.Password,
        });
        using var confirmed = await client.GetAsync(new Uri(app.Emails.LinkTo("radia@example.org", "/account/confirm"), UriKind.Relative));
        using var signedIn = await StudyHubApp.SignInAsync(client, "radia@example.org");

        Assert.Contains("<a class=\"account-name\" href=\"/account\">Radia P.</a>", await signedIn.Content.ReadAsStringAsync(), StringComparison.Ordinal);
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
    public async Task ALockedAccountAnUnknownOneAndAWrongPasswordGetTheSameAnswer()
    {
        await app.CreateUserAsync("grace@example.org");
        await app.CreateUserAsync("barbara@example.org");
        using var client = app.CreateClient();

        for (var attempt = 0; attempt < 5; attempt++)
        {
            using var wrong = await StudyHubApp.SignInAsync(client, "grace@example.org", "not the password at all");
        }
        using var locked = await StudyHubApp.SignInAsync(client, "grace@example.org");
        using var unknown = await StudyHubApp.SignInAsync(client, "nobody@example.org");
        using var wrongPassword = await StudyHubApp.SignInAsync(client, "barbara@example.org", "not the password at all");

        var answers = new List<string>();
        foreach (var response in new[] { locked, unknown, wrongPassword })
        {
            answers.Add(Problem(await response.Content.ReadAsStringAsync()));
        }
        Assert.NotEmpty(answers[0]);
        Assert.All(answers, answer => Assert.Equal(answers[0], answer));
        var home = await client.GetStringAsync(new Uri("/", UriKind.Relative));
        Assert.DoesNotContain("grace@example.org", home, StringComparison.Ordinal);
    }

    static string Problem(string page) =>
        System.Text.RegularExpressions.Regex.Match(page, "<p class=\"account-problem\" role=\"alert\">(.*?)</p>").Groups[1].Value;

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
