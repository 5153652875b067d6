using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using StudyHub.Testing;

namespace StudyHub.Web.Tests.Accounts;

/// Stands in for an OpenID Connect provider: `/test/provider?email=…` leaves what the provider's answer leaves, the
/// external sign-in cookie with the claims it vouched for, after which the browser comes back to the callback.
public sealed class ProviderApp : StudyHubApp
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Accounts:Registration", "Open");
        builder.ConfigureServices(services => services.AddSingleton<IStartupFilter, Provider>());
    }

    sealed class Provider : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            // Not Map, which would move the path into PathBase and so scope the cookie to it.
            app.Use(async (context, nextMiddleware) =>
            {
                if (context.Request.Path != "/test/provider")
                {
                    await nextMiddleware(context);
                    return;
                }
                var email = context.Request.Query["email"].ToString();
                var principal = new ClaimsPrincipal(new ClaimsIdentity(
                    [new Claim(ClaimTypes.NameIdentifier, $"subject-of-{email}"), new Claim("email", email), new Claim("email_verified", "true")], "oidc"));
                var properties = new AuthenticationProperties { Items = { ["LoginProvider"] = "oidc" } };
                await context.SignInAsync(IdentityConstants.ExternalScheme, principal, properties);
            });
            next(app);
        };
    }
}

public sealed class ExternalSignInTests(ProviderApp app) : IClassFixture<ProviderApp>
{
    [Fact]
    public async Task AProviderSignInIsNotJoinedToAnAccountWhoseAddressNobodyConfirmed()
    {
        using var attacker = app.CreateClient();
        using var registered = await EmailConfirmationTests.Register(attacker, "victim@example.org", "the attacker's password");

        using var victim = app.CreateClient();
        using var provided = await victim.GetAsync(new Uri("/test/provider?email=victim@example.org", UriKind.Relative));
        using var callback = await victim.GetAsync(new Uri("/account/external-callback", UriKind.Relative));

        var page = await callback.Content.ReadAsStringAsync();
        Assert.Contains("not confirmed yet", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Sign out", page, StringComparison.Ordinal);
        await using var db = app.Database.CreateContext();
        Assert.False(await db.UserLogins.Join(db.Users.Where(u => u.Email == "victim@example.org"), l => l.UserId, u => u.Id, (l, u) => l).AnyAsync());
    }

    [Fact]
    public async Task AProviderSignInJoinsTheAccountOfAConfirmedAddress()
    {
        await app.CreateUserAsync("owner@example.org");
        using var client = app.CreateClient();

        using var provided = await client.GetAsync(new Uri("/test/provider?email=owner@example.org", UriKind.Relative));
        using var callback = await client.GetAsync(new Uri("/account/external-callback", UriKind.Relative));

        Assert.Contains("Sign out", await callback.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await using var db = app.Database.CreateContext();
        Assert.True(await db.UserLogins.Join(db.Users.Where(u => u.Email == "owner@example.org"), l => l.UserId, u => u.Id, (l, u) => l).AnyAsync());
    }
}
