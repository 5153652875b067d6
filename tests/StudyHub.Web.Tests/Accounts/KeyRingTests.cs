using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.EntityFrameworkCore;
using StudyHub.Testing;

namespace StudyHub.Web.Tests.Accounts;

/// The keys behind sign-in cookies live in the database, so a restart (or a second instance) keeps people signed in.
public sealed class KeyRingTests
{
    [Fact]
    public async Task ASignInSurvivesARestartOfTheApp()
    {
        await using var before = new StudyHubApp();
        await before.InitializeAsync();
        await before.CreateUserAsync("kept@example.org");
        var cookies = new CookieContainer();
        using (var client = before.CreateDefaultClient(new CookieContainerHandler(cookies)))
        {
            using var signedIn = await StudyHubApp.SignInAsync(client, "kept@example.org");
        }

        await using var after = new AppOn(before.Database.ConnectionString);
        await after.InitializeAsync();
        using var again = after.CreateDefaultClient(new CookieContainerHandler(cookies));
        var home = await again.GetStringAsync(new Uri("/", UriKind.Relative));

        Assert.Contains("<a class=\"account-name\" href=\"/account\">kept</a>", home, StringComparison.Ordinal);
        // Not in a file of the machine's user profile, which a container loses on restart.
        await using var db = before.Database.CreateContext();
        Assert.True(await db.DataProtectionKeys.AnyAsync(), "The key ring is not stored in the database.");
    }

    sealed class AppOn(string connectionString) : StudyHubApp
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("ConnectionStrings:StudyHub", connectionString);
        }
    }
}
