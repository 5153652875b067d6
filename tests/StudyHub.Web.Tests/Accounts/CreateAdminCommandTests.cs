using System.Text.RegularExpressions;
using StudyHub.Testing;

namespace StudyHub.Web.Tests.Accounts;

public sealed partial class CreateAdminCommandTests(StudyHubApp app) : IClassFixture<StudyHubApp>
{
    [Fact]
    public async Task CreateAdminPrintsAPasswordOnceAndThatAdminCanSignIn()
    {
        var result = await AdminCommandTests.RunAppAsync(["create-admin", "root@example.org"], new()
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["ConnectionStrings__StudyHub"] = app.Database.ConnectionString,
        });
        var password = GeneratedPassword().Match(result.Output).Groups[1].Value;
        using var client = app.CreateClient();
        using var signedIn = await StudyHubApp.SignInAsync(client, "root@example.org", password);
        using var invites = await client.GetAsync(new Uri("/account/invites", UriKind.Relative));

        Assert.Equal(0, result.ExitCode);
        Assert.NotEmpty(password);
        Assert.Contains("<a class=\"account-name\" href=\"/account\">root</a>", await signedIn.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("/account/invites", invites.RequestMessage!.RequestUri!.AbsolutePath);
    }

    [Fact]
    public async Task CreateAdminWithATooShortPasswordSaysWhyAndFails()
    {
        var result = await AdminCommandTests.RunAppAsync(["create-admin", "short@example.org", "--password", "short"], new()
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["ConnectionStrings__StudyHub"] = app.Database.ConnectionString,
        });

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("at least 10 characters", result.Output, StringComparison.Ordinal);
    }

    [GeneratedRegex("Password \\(shown only now\\): (\\S+)")]
    private static partial Regex GeneratedPassword();
}
