using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using StudyHub.Testing;
using StudyHub.Web.Data;
using StudyHub.Web.Features.Accounts;

namespace StudyHub.Web.Tests.Accounts;

public sealed partial class InviteOnlyRegistrationTests(InviteOnlyApp app) : IClassFixture<InviteOnlyApp>
{
    [Fact]
    public async Task RegistrationWithoutAnInviteIsRefused()
    {
        using var client = app.CreateClient();

        using var response = await Register(client, "mallory@example.org", invite: "");

        Assert.Contains("invite code is not valid", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await using var db = app.Database.CreateContext();
        Assert.False(await db.Users.AnyAsync(user => user.Email == "mallory@example.org"));
    }

    [Fact]
    public async Task AnAdminsInviteLetsExactlyOnePersonRegister()
    {
        await app.CreateUserAsync("admin@example.org", Roles.Admin);
        using var admin = app.CreateClient();
        using var signedIn = await StudyHubApp.SignInAsync(admin, "admin@example.org");
        using var invited = await StudyHubApp.PostFormAsync(admin, "/account/invites", "create-invite", []);
        var code = InviteCode().Match(await invited.Content.ReadAsStringAsync()).Groups[1].Value;

        using var first = app.CreateClient();
        using var firstRegistered = await Register(first, "alan@example.org", code);
        using var second = app.CreateClient();
        using var secondRefused = await Register(second, "eve@example.org", code);

        Assert.NotEmpty(code);
        Assert.Contains("We sent a link to alan@example.org", await firstRegistered.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("invite code is not valid", await secondRefused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task OnlyAdminsOpenTheInvitesPage()
    {
        await app.CreateUserAsync("member@example.org");
        using var anonymous = app.CreateClient();
        using var member = app.CreateClient();
        using var signedIn = await StudyHubApp.SignInAsync(member, "member@example.org");

        using var anonymousResponse = await anonymous.GetAsync(new Uri("/account/invites", UriKind.Relative));
        using var memberResponse = await member.GetAsync(new Uri("/account/invites", UriKind.Relative));

        Assert.Equal("/account/login", anonymousResponse.RequestMessage!.RequestUri!.AbsolutePath);
        Assert.Equal("/account/denied", memberResponse.RequestMessage!.RequestUri!.AbsolutePath);
        Assert.Equal(HttpStatusCode.Forbidden, memberResponse.StatusCode);
    }

    [Fact]
    public async Task RegisteringATakenAddressAnswersAsANewOneAndLeavesTheInviteUnused()
    {
        await app.CreateUserAsync("taken@example.org");
        var contexts = app.Services.GetRequiredService<IDbContextFactory<StudyHubDbContext>>();
        var code = (await Invites.CreateAsync(contexts, "admin@example.org", DateTimeOffset.UtcNow)).Code;
        using var client = app.CreateClient();

        using var taken = await Register(client, "taken@example.org", code);
        using var fresh = await Register(client, "fresh@example.org", code);
        using var again = await Register(client, "third@example.org", code);

        Assert.Equal(
            EmailConfirmationTests.Status(await fresh.Content.ReadAsStringAsync()).Replace("fresh@", "", StringComparison.Ordinal),
            EmailConfirmationTests.Status(await taken.Content.ReadAsStringAsync()).Replace("taken@", "", StringComparison.Ordinal));
        Assert.Contains("already has one", Assert.Single(app.Emails.To("taken@example.org")).Text, StringComparison.Ordinal);
        Assert.Contains("invite code is not valid", await again.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    static Task<HttpResponseMessage> Register(HttpClient client, string email, string invite) =>
        StudyHubApp.PostFormAsync(client, "/account/register", "register",
            new() { ["Input.Email"] = email, ["Input.Password"] = StudyHubApp.Password, ["Input.InviteCode"] = invite });

    [GeneratedRegex("<code class=\"invite-code\">([A-Z0-9]+)</code>")]
    private static partial Regex InviteCode();
}
