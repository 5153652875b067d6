using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using StudyHub.Testing;
using StudyHub.Web.Tests.Annotations;

namespace StudyHub.Web.Tests.Accounts;

/// The app with one note to discuss; each test makes its own accounts.
public sealed class AccountApp : StudyHubApp
{
    public const string Note = "passage";

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        using var vault = new TempVault("accounts").Write("Passage.md", $"# Passage\n\n{DiscussionApp.PassageText}");
        await ImportVaultAsync(vault.Root);
    }

    public static async Task<Guid> AnnotateAsync(HttpClient client, string visibility = "Members", string note = Note)
    {
        using var created = await client.PostAsJsonAsync(DiscussionActions.Api($"notes/{note}/annotations"),
            new { quote = "Late fusion", body = $"An annotation for {visibility}.", visibility });
        created.EnsureSuccessStatusCode();
        return (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    public static async Task CommentAsync(HttpClient client, string visibility = "Members")
    {
        using var created = await client.PostAsJsonAsync(DiscussionActions.Api($"notes/{Note}/comments"), new { body = $"A comment for {visibility}.", visibility });
        created.EnsureSuccessStatusCode();
    }

    public static async Task ReplyAsync(HttpClient client, Guid annotation)
    {
        using var created = await client.PostAsJsonAsync(DiscussionActions.Api($"annotations/{annotation}/replies"), new { body = "A reply." });
        created.EnsureSuccessStatusCode();
    }

    public async Task<bool> SignsInAsync(string email, string password = Password)
    {
        using var client = CreateClient();
        using var signedIn = await SignInAsync(client, email, password);
        return (await signedIn.Content.ReadAsStringAsync()).Contains("Sign out", StringComparison.Ordinal);
    }

    /// The authors a member sees on the note, annotations first, then comments.
    public async Task<List<string>> AuthorsAsync()
    {
        var onlooker = $"onlooker-{Guid.NewGuid():N}@example.org";
        await CreateUserAsync(onlooker);
        using var client = await ClientAsync(onlooker);
        var annotations = await client.GetFromJsonAsync<JsonElement[]>(DiscussionActions.Api($"notes/{Note}/annotations"));
        var comments = await client.GetFromJsonAsync<JsonElement[]>(DiscussionActions.Api($"notes/{Note}/comments"));
        return [.. annotations!.SelectMany(a => a.GetProperty("replies").EnumerateArray().Prepend(a)).Concat(comments!)
            .Select(entry => entry.GetProperty("author").GetString()!)];
    }
}

public sealed class AccountPageTests(AccountApp app) : IClassFixture<AccountApp>
{
    static string Unique(string name) => $"{name}-{Guid.NewGuid():N}@example.org";

    [Fact]
    public async Task TheHeaderAndTheDiscussionShowTheDisplayNameNotTheEmail()
    {
        var email = Unique("ada");
        await app.CreateUserAsync(email, displayName: "Ada Lovelace");
        using var client = await app.ClientAsync(email);

        await AccountApp.AnnotateAsync(client);
        await AccountApp.CommentAsync(client);
        var home = await client.GetStringAsync(new Uri("/", UriKind.Relative));

        Assert.Contains("<a class=\"account-name\" href=\"/account\">Ada Lovelace</a>", home, StringComparison.Ordinal);
        Assert.DoesNotContain(email, home, StringComparison.Ordinal);
        Assert.Equal(2, (await app.AuthorsAsync()).Count(author => author == "Ada Lovelace"));
    }

    [Fact]
    public async Task ANewNameOnTheAccountPageShowsInTheHeaderAndOnWhatOneWrote()
    {
        var email = Unique("grace");
        await app.CreateUserAsync(email);
        using var client = await app.ClientAsync(email);
        await AccountApp.AnnotateAsync(client);

        using var renamed = await StudyHubApp.PostFormAsync(client, "/account", "name", new() { ["Name.DisplayName"] = "  Grace Hopper " });
        var home = await client.GetStringAsync(new Uri("/", UriKind.Relative));

        Assert.Contains("Others now see you as Grace Hopper.", await renamed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains(">Grace Hopper</a>", home, StringComparison.Ordinal);
        Assert.Contains("Grace Hopper", await app.AuthorsAsync());
    }

    [Theory]
    [InlineData("a former member", "stands for deleted accounts")]
    [InlineData("   ", "Choose a name")]
    public async Task ANameThatCouldMisleadOrIsBlankIsRefused(string name, string problem)
    {
        var email = Unique("mislead");
        await app.CreateUserAsync(email, displayName: "Mary");
        using var client = await app.ClientAsync(email);

        using var renamed = await StudyHubApp.PostFormAsync(client, "/account", "name", new() { ["Name.DisplayName"] = name });

        Assert.Contains(problem, await renamed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await using var db = app.Database.CreateContext();
        Assert.Equal("Mary", await db.Users.Where(u => u.Email == email).Select(u => u.DisplayName).SingleAsync());
    }

    [Fact]
    public async Task ANewEmailIsUsedOnlyOnceTheLinkSentToItIsFollowed()
    {
        var (email, newEmail) = (Unique("old"), Unique("new"));
        await app.CreateUserAsync(email);
        using var client = await app.ClientAsync(email);

        using var asked = await StudyHubApp.PostFormAsync(client, "/account", "email",
            new() { ["Email.NewEmail"] = newEmail, ["Email.Password"] = StudyHubApp.Password });
        using var beforeLink = app.CreateClient();
        using var tooSoon = await StudyHubApp.SignInAsync(beforeLink, newEmail);
        var link = app.Emails.LinkTo(newEmail, "/account/email");
        var linkPage = await client.GetStringAsync(new Uri(link, UriKind.Relative));
        using var used = await StudyHubApp.PostFormAsync(client, link, "change-email", []);
        using var again = await StudyHubApp.PostFormAsync(client, link, "change-email", []);

        Assert.Contains($"We sent a link to {newEmail}", await asked.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain("Sign out", await tooSoon.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("Use this address", linkPage, StringComparison.Ordinal);
        Assert.Contains($"Your account now uses {newEmail}", await used.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("does not change an address", await again.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains(newEmail, app.Emails.To(email)[^1].Text, StringComparison.Ordinal);
        Assert.Contains(newEmail, await client.GetStringAsync(new Uri("/account", UriKind.Relative)), StringComparison.Ordinal);
        using (var withNew = app.CreateClient())
        using (var signedIn = await StudyHubApp.SignInAsync(withNew, newEmail))
        {
            Assert.Contains("Sign out", await signedIn.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        using var withOld = app.CreateClient();
        using var refused = await StudyHubApp.SignInAsync(withOld, email);
        Assert.DoesNotContain("Sign out", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ANewEmailNeedsTheCurrentPassword()
    {
        var (email, newEmail) = (Unique("careful"), Unique("elsewhere"));
        await app.CreateUserAsync(email);
        using var client = await app.ClientAsync(email);

        using var asked = await StudyHubApp.PostFormAsync(client, "/account", "email",
            new() { ["Email.NewEmail"] = newEmail, ["Email.Password"] = "not the password at all" });

        Assert.Contains("That is not your current password.", await asked.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty(app.Emails.To(newEmail));
    }

    [Fact]
    public async Task AskingForATakenAddressAnswersAsForAFreeOneAndSendsNothing()
    {
        var (email, taken, free) = (Unique("asker"), Unique("taken"), Unique("free"));
        await app.CreateUserAsync(email);
        await app.CreateUserAsync(taken);
        using var client = await app.ClientAsync(email);

        using var toTaken = await StudyHubApp.PostFormAsync(client, "/account", "email",
            new() { ["Email.NewEmail"] = taken, ["Email.Password"] = StudyHubApp.Password });
        using var toFree = await StudyHubApp.PostFormAsync(client, "/account", "email",
            new() { ["Email.NewEmail"] = free, ["Email.Password"] = StudyHubApp.Password });

        Assert.Equal(EmailConfirmationTests.Status(await toTaken.Content.ReadAsStringAsync()).Replace(taken, "", StringComparison.Ordinal),
            EmailConfirmationTests.Status(await toFree.Content.ReadAsStringAsync()).Replace(free, "", StringComparison.Ordinal));
        Assert.Empty(app.Emails.To(taken));
        Assert.Single(app.Emails.To(free));
    }

    [Fact]
    public async Task ANewPasswordNeedsTheCurrentOne()
    {
        var email = Unique("linus");
        await app.CreateUserAsync(email);
        using var client = await app.ClientAsync(email);

        using var wrong = await StudyHubApp.PostFormAsync(client, "/account", "password",
            new() { ["Password.Current"] = "not the password at all", ["Password.New"] = "a guessed new passphrase" });
        using var right = await StudyHubApp.PostFormAsync(client, "/account", "password",
            new() { ["Password.Current"] = StudyHubApp.Password, ["Password.New"] = "a brand new passphrase" });
        var stillSignedIn = await client.GetStringAsync(new Uri("/account", UriKind.Relative));

        Assert.Contains("That is not your current password.", await wrong.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("Your password is changed.", await right.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("Sign out", stillSignedIn, StringComparison.Ordinal);
        Assert.True(await app.SignsInAsync(email, "a brand new passphrase"));
        Assert.False(await app.SignsInAsync(email, StudyHubApp.Password));
        Assert.False(await app.SignsInAsync(email, "a guessed new passphrase"));
    }

    [Fact]
    public async Task TheAccountPageIsForSignedInReaders()
    {
        using var client = await app.ClientAsync(null);

        using var response = await client.GetAsync(new Uri("/account", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/login", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }
}
