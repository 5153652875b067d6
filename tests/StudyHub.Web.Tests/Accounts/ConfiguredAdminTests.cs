using Microsoft.AspNetCore.Hosting;
using StudyHub.Testing;

namespace StudyHub.Web.Tests.Accounts;

public sealed class ConfiguredAdminApp : StudyHubApp
{
    public const string Email = "first-admin@example.org";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Accounts:Admin:Email", Email);
        builder.UseSetting("Accounts:Admin:Password", Password);
    }
}

public sealed class ConfiguredAdminTests(ConfiguredAdminApp app) : IClassFixture<ConfiguredAdminApp>
{
    [Fact]
    public async Task TheConfiguredFirstAdminIsCreatedAtStartAndCanOpenInvites()
    {
        using var client = app.CreateClient();

        using var signedIn = await StudyHubApp.SignInAsync(client, ConfiguredAdminApp.Email);
        using var invites = await client.GetAsync(new Uri("/account/invites", UriKind.Relative));

        Assert.Contains($"<a class=\"account-name\" href=\"/account\">{ConfiguredAdminApp.Email.Split('@')[0]}</a>", await signedIn.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("/account/invites", invites.RequestMessage!.RequestUri!.AbsolutePath);
    }
}
