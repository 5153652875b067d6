using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using StudyHub.Testing;
using StudyHub.Web.Features.Accounts;
using StudyHub.Web.Features.Sharing;

namespace StudyHub.Web.Tests.Sharing;

/// A members-only vault is invisible to visitors who are not signed in, wherever notes show up, except for the
/// one note a share link opens, and only until the link expires or is revoked.
public sealed partial class MembersOnlyVaultTests(MembersOnlyVaultTests.TwoVaults app) : IClassFixture<MembersOnlyVaultTests.TwoVaults>
{
    public sealed class TwoVaults : StudyHubApp
    {
        public override async Task InitializeAsync()
        {
            await base.InitializeAsync();
            using var open = new TempVault("open").Write("Open Note.md", "#opentag\n\nContrastive learning, in the open.");
            using var closed = new TempVault("closed")
                .Write("Closed Note.md", "---\naliases: [Hidden Alias]\n---\n#closedtag\n\nContrastive learning, behind the door.")
                .Write("Closed Sibling.md", "Another contrastive note for members.");
            await ImportVaultAsync(open.Root, "open");
            await ImportVaultAsync(closed.Root, "closed");
            await AdminCommandTests.RunAppAsync(["vault-access", "closed", "members"], new()
            {
                ["ASPNETCORE_ENVIRONMENT"] = "Production",
                ["ConnectionStrings__StudyHub"] = Database.ConnectionString,
            });
            await CreateUserAsync("member@example.org");
            await CreateUserAsync("editor@example.org", Roles.Editor);
        }
    }

    [Theory]
    [InlineData("/notes/closed-note")]
    [InlineData("/notes/closed-sibling")]
    public async Task AnonymousVisitorsAreAskedToSignIn(string path)
    {
        using var client = Anonymous();

        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal($"/account/login?ReturnUrl={Uri.EscapeDataString(path)}", response.Headers.Location!.OriginalString);
    }

    [Theory]
    [InlineData("/", "Open Note", "Closed Note")]
    [InlineData("/search?q=contrastive", "Open Note", "Closed Note")]
    [InlineData("/search?q=contrastive", "open", "closed")]
    [InlineData("/api/switcher?q=note", "Open Note", "Closed Note")]
    [InlineData("/api/switcher?q=hidden", "", "Closed Note")]
    [InlineData("/tags", "opentag", "closedtag")]
    [InlineData("/api/graph", "Open Note", "Closed Note")]
    [InlineData("/graph", "Open Note", "Closed Note")]
    public async Task NothingOfTheVaultShowsElsewhereForAnonymousVisitorsButMembersSeeIt(string path, string visible, string hidden)
    {
        using var anonymous = Anonymous();
        using var member = await SignedInAsync("member@example.org");

        var anonymousPage = await anonymous.GetStringAsync(new Uri(path, UriKind.Relative));
        var memberPage = await member.GetStringAsync(new Uri(path, UriKind.Relative));

        Assert.Contains(visible, anonymousPage, StringComparison.Ordinal);
        Assert.DoesNotContain(hidden, anonymousPage, StringComparison.Ordinal);
        Assert.Contains(hidden, memberPage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/api/notes/closed-note/preview")]
    [InlineData("/api/notes/closed-note/media")]
    [InlineData("/api/notes/closed-note/annotations")]
    [InlineData("/api/notes/closed-note/comments")]
    [InlineData("/tags/closedtag")]
    public async Task ItsApisAndTagPagesAnswerNotFound(string path)
    {
        using var anonymous = Anonymous();
        using var member = await SignedInAsync("member@example.org");

        using var hidden = await anonymous.GetAsync(new Uri(path, UriKind.Relative));
        using var shown = await member.GetAsync(new Uri(path, UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, hidden.StatusCode);
        Assert.Equal(HttpStatusCode.OK, shown.StatusCode);
    }

    [Fact]
    public async Task AShareLinkOpensOneNoteUntilItIsRevoked()
    {
        using var editor = await SignedInAsync("editor@example.org");
        var link = await CreateShareLinkAsync(editor, days: 7);
        using var visitor = Anonymous();

        using var opened = await visitor.GetAsync(link);
        Assert.Equal(HttpStatusCode.Redirect, opened.StatusCode);
        Assert.Equal("/notes/closed-note", opened.Headers.Location!.OriginalString);
        Assert.Contains("behind the door", await visitor.GetStringAsync(new Uri("/notes/closed-note", UriKind.Relative)), StringComparison.Ordinal);
        using var sibling = await visitor.GetAsync(new Uri("/notes/closed-sibling", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Redirect, sibling.StatusCode);
        using var stranger = Anonymous();
        using var withoutLink = await stranger.GetAsync(new Uri("/notes/closed-note", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Redirect, withoutLink.StatusCode);

        var token = link.OriginalString.Split('/')[^1];
        using var revoked = await PostWithPageTokenAsync(editor, "/notes/closed-note", $"/shares/{token}/revoke", []);
        Assert.Equal(HttpStatusCode.Redirect, revoked.StatusCode);

        using var afterRevoking = await visitor.GetAsync(new Uri("/notes/closed-note", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Redirect, afterRevoking.StatusCode);
        using var reopened = await Anonymous().GetAsync(link);
        Assert.Equal(HttpStatusCode.Gone, reopened.StatusCode);
    }

    [Fact]
    public async Task AnExpiredLinkIsGone()
    {
        using var editor = await SignedInAsync("editor@example.org");
        var link = await CreateShareLinkAsync(editor, days: 1);
        var token = link.OriginalString.Split('/')[^1];
        await using (var db = app.Database.CreateContext())
        {
            await db.NoteShares.Where(s => s.Token == token).ExecuteUpdateAsync(s => s.SetProperty(x => x.ExpiresAt, DateTimeOffset.UtcNow.AddMinutes(-1)));
        }

        using var response = await Anonymous().GetAsync(link);

        Assert.Equal(HttpStatusCode.Gone, response.StatusCode);
    }

    [Fact]
    public async Task OnlyEditorsAndAdminsCreateShareLinks()
    {
        using var member = await SignedInAsync("member@example.org");

        var page = await member.GetStringAsync(new Uri("/notes/closed-note", UriKind.Relative));
        using var refused = await PostWithPageTokenAsync(member, "/notes/closed-note", "/notes/closed-note/shares", new() { ["days"] = "7" });

        Assert.DoesNotContain("Create share link", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.StartsWith("/account/denied", refused.Headers.Location!.AbsolutePath, StringComparison.Ordinal);
        await using var db = app.Database.CreateContext();
        Assert.False(await db.NoteShares.AnyAsync(s => s.CreatedById == db.Users.Single(u => u.Email == "member@example.org").Id));
    }

    [Fact]
    public async Task WithoutTheFormsTokenNoLinkIsMadeOrRevoked()
    {
        using var editor = await SignedInAsync("editor@example.org");
        var link = await CreateShareLinkAsync(editor, days: 3);
        var token = link.OriginalString.Split('/')[^1];
        await using var db = app.Database.CreateContext();
        var before = await db.NoteShares.CountAsync();

        using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["days"] = "7" });
        using var created = await editor.PostAsync(new Uri("/notes/closed-note/shares", UriKind.Relative), form);
        using var revoked = await editor.PostAsync(new Uri($"/shares/{token}/revoke", UriKind.Relative), null);

        Assert.Equal((HttpStatusCode.BadRequest, HttpStatusCode.BadRequest), (created.StatusCode, revoked.StatusCode));
        Assert.Equal(before, await db.NoteShares.CountAsync());
        Assert.Null(await db.NoteShares.Where(s => s.Token == token).Select(s => s.RevokedAt).SingleAsync());
    }

    [Theory]
    [InlineData("0")]
    [InlineData("91")]
    public async Task ALinkLastsOneToNinetyDays(string days)
    {
        using var editor = await SignedInAsync("editor@example.org");

        using var response = await PostWithPageTokenAsync(editor, "/notes/closed-note", "/notes/closed-note/shares", new() { ["days"] = days });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    HttpClient Anonymous() => app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    async Task<HttpClient> SignedInAsync(string email)
    {
        var client = Anonymous();
        using var signedIn = await StudyHubApp.SignInAsync(client, email);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        return client;
    }

    static async Task<Uri> CreateShareLinkAsync(HttpClient editor, int days)
    {
        var before = ShareLinks(await editor.GetStringAsync(new Uri("/notes/closed-note", UriKind.Relative))).ToHashSet();
        using var created = await PostWithPageTokenAsync(editor, "/notes/closed-note", "/notes/closed-note/shares", new() { ["days"] = $"{days}" });
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var link = Assert.Single(ShareLinks(await editor.GetStringAsync(new Uri("/notes/closed-note", UriKind.Relative))), l => !before.Contains(l));
        return new Uri(new Uri(link).PathAndQuery, UriKind.Relative);
    }

    static IEnumerable<string> ShareLinks(string page) => ShareLink().Matches(page).Select(m => m.Groups[1].Value);

    /// Posts a form of the page to its action, with the antiforgery token the page carries.
    static async Task<HttpResponseMessage> PostWithPageTokenAsync(HttpClient client, string page, string action, Dictionary<string, string> fields)
    {
        var html = await client.GetStringAsync(new Uri(page, UriKind.Relative));
        var token = AntiforgeryToken().Match(html);
        Assert.True(token.Success, $"{page} carries no antiforgery token.");
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>(fields)
        {
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token.Groups[1].Value),
        });
        return await client.PostAsync(new Uri(action, UriKind.Relative), form);
    }

    [GeneratedRegex("value=\"(http[^\"]+/shared/[A-Za-z0-9_-]+)\"")]
    private static partial Regex ShareLink();

    [GeneratedRegex("<input[^>]*name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}
