using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using StudyHub.Testing;

namespace StudyHub.Web.Tests.Accounts;

public sealed class EmailConfirmationTests(OpenRegistrationApp app) : IClassFixture<OpenRegistrationApp>
{
    [Fact]
    public async Task ANewAccountSignsInOnlyAfterItsAddressIsConfirmedByTheEmailedLink()
    {
        using var client = app.CreateClient();

        using var registered = await Register(client, "hedy@example.org");
        using var before = await StudyHubApp.SignInAsync(client, "hedy@example.org");
        var confirmed = await client.GetStringAsync(new Uri(app.Emails.LinkTo("hedy@example.org", "/account/confirm"), UriKind.Relative));
        using var after = await StudyHubApp.SignInAsync(client, "hedy@example.org");

        Assert.Contains("We sent a link to hedy@example.org", await registered.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain("Sign out", await before.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("Your address is confirmed", confirmed, StringComparison.Ordinal);
        Assert.Contains("Sign out", await after.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AMadeUpConfirmationLinkConfirmsNothing()
    {
        using var client = app.CreateClient();
        using var registered = await Register(client, "joan@example.org");
        await using var db = app.Database.CreateContext();
        var id = await db.Users.Where(u => u.Email == "joan@example.org").Select(u => u.Id).SingleAsync();

        var page = await client.GetStringAsync(new Uri($"/account/confirm?user={id}&code=made-up", UriKind.Relative));

        Assert.Contains("does not confirm an address", page, StringComparison.Ordinal);
        Assert.False(await db.Users.Where(u => u.Id == id).Select(u => u.EmailConfirmed).SingleAsync());
    }

    [Fact]
    public async Task APasswordResetLinkSetsANewPasswordAndConfirmsTheAddress()
    {
        using var client = app.CreateClient();
        using var registered = await Register(client, "katherine@example.org");

        using var asked = await StudyHubApp.PostFormAsync(client, "/account/forgot", "forgot", new() { ["Input.Email"] = "katherine@example.org" });
        using var reset = await StudyHubApp.PostFormAsync(client, app.Emails.LinkTo("katherine@example.org", "/account/reset"), "reset",
            new() { ["Input.Password"] = "a brand new passphrase" });
        using var signedIn = await StudyHubApp.SignInAsync(client, "katherine@example.org", "a brand new passphrase");

        Assert.Contains("we sent it a link", await asked.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("Your new password is set", await reset.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("Sign out", await signedIn.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task APasswordResetLinkWorksOnce()
    {
        await app.CreateUserAsync("margaret@example.org");
        using var client = app.CreateClient();

        using var asked = await StudyHubApp.PostFormAsync(client, "/account/forgot", "forgot", new() { ["Input.Email"] = "margaret@example.org" });
        var link = app.Emails.LinkTo("margaret@example.org", "/account/reset");
        using var first = await StudyHubApp.PostFormAsync(client, link, "reset", new() { ["Input.Password"] = "the first new passphrase" });
        using var second = await StudyHubApp.PostFormAsync(client, link, "reset", new() { ["Input.Password"] = "the second new passphrase" });
        using var signedIn = await StudyHubApp.SignInAsync(client, "margaret@example.org", "the first new passphrase");

        Assert.Contains("Your new password is set", await first.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("This link has expired or was already used.", await second.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("Sign out", await signedIn.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnExpiredPasswordResetLinkSetsNothing()
    {
        await app.CreateUserAsync("mary@example.org");
        // Links outlive their lifespan (a day by default) in no time.
        using var hasty = app.WithWebHostBuilder(builder => builder.ConfigureTestServices(services =>
            services.Configure<DataProtectionTokenProviderOptions>(options => options.TokenLifespan = TimeSpan.FromTicks(-1))));
        using var client = hasty.CreateClient();

        using var asked = await StudyHubApp.PostFormAsync(client, "/account/forgot", "forgot", new() { ["Input.Email"] = "mary@example.org" });
        using var reset = await StudyHubApp.PostFormAsync(client, app.Emails.LinkTo("mary@example.org", "/account/reset"), "reset",
            new() { ["Input.Password"] = "a brand new passphrase" });
        using var signedIn = await StudyHubApp.SignInAsync(client, "mary@example.org");

        Assert.Contains("This link has expired or was already used.", await reset.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("Sign out", await signedIn.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AskingToResetTheUnknownAnswersAsForAnAccountAndSendsNothing()
    {
        await app.CreateUserAsync("known@example.org");
        using var client = app.CreateClient();

        using var known = await StudyHubApp.PostFormAsync(client, "/account/forgot", "forgot", new() { ["Input.Email"] = "known@example.org" });
        using var unknown = await StudyHubApp.PostFormAsync(client, "/account/forgot", "forgot", new() { ["Input.Email"] = "unknown@example.org" });

        Assert.Equal(Status(await known.Content.ReadAsStringAsync()).Replace("known@", "", StringComparison.Ordinal),
            Status(await unknown.Content.ReadAsStringAsync()).Replace("unknown@", "", StringComparison.Ordinal));
        Assert.Single(app.Emails.To("known@example.org"));
        Assert.Empty(app.Emails.To("unknown@example.org"));
    }

    internal static string Status(string page) =>
        System.Text.RegularExpressions.Regex.Match(page, "<p class=\"account-sent\" role=\"status\">(.*?)</p>").Groups[1].Value;

    internal static Task<HttpResponseMessage> Register(HttpClient client, string email, string password = StudyHubApp.Password, string? invite = null) =>
        StudyHubApp.PostFormAsync(client, "/account/register", "register", new()
        {
            ["Input.Email"] = email, ["Input.Password"] = password, ["Input.InviteCode"] = invite ?? "",
        });
}
