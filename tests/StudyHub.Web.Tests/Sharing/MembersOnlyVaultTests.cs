using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using StudyHub.Web.Data;
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
                .Write("Closed Note.md", "---\naliases: [Hidden Alias]\n---\n#closedtag\n\nContrastive learning, behind the door.\n\n![[door.png]]\n\n![[Closed Sibling]]")
                .Write("Closed Sibling.md", "Another contrastive note for members, next to [[Closed Note]].\n\n![[sibling.png]]")
                .Write("door.png", DoorImage)
                .Write("sibling.png", SiblingImage);
            await ImportVaultAsync(open.Root, "open");
            await ImportVaultAsync(closed.Root, "closed");
            await AdminCommandTests.RunAppAsync(["vault-access", "closed", "members"], new()
            {
                ["ASPNETCORE_ENVIRONMENT"] = "Production",
                ["ConnectionStrings__StudyHub"] = Database.ConnectionString,
            });
            await CreateUserAsync("member@example.org");
            await CreateUserAsync("editor@example.org", Roles.Editor);
            await CreateUserAsync("no-role@example.org", role: null);
        }
    }

    static readonly byte[] DoorImage = [0x89, (byte)'P', (byte)'N', (byte)'G', 1, 2, 3];
    static readonly byte[] SiblingImage = [0x89, (byte)'P', (byte)'N', (byte)'G', 4, 5, 6];

    [Theory]
    [InlineData("closed-note", "closed-notes")]
    [InlineData("closed-sibling", "closed-sibyl")]
    public async Task AVisitorCannotTellAMembersOnlyNoteFromAMissingOne(string existing, string missing)
    {
        using var client = Anonymous();

        using var members = await client.GetAsync(new Uri($"/notes/closed/{existing}", UriKind.Relative));
        using var nothing = await client.GetAsync(new Uri($"/notes/closed/{missing}", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, members.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, nothing.StatusCode);
        var membersPage = PageShape(await members.Content.ReadAsStringAsync(), existing);
        var missingPage = PageShape(await nothing.Content.ReadAsStringAsync(), missing);
        Assert.Equal(missingPage, membersPage);
        Assert.Contains($"/account/login?ReturnUrl=%2Fnotes%2Fclosed%2F{{slug}}", membersPage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/notes/closed/closed-note")]
    [InlineData("/api/previews/closed/closed-note")]
    [InlineData("/api/notes/closed-note/media")]
    [InlineData("/tags/closedtag")]
    public async Task AnAccountWithoutTheMemberRoleReadsNothingMembersOnly(string path)
    {
        using var noRole = await SignedInAsync("no-role@example.org");

        using var response = await noRole.GetAsync(new Uri(path, UriKind.Relative));
        var search = await noRole.GetStringAsync(new Uri("/search?q=contrastive", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.DoesNotContain("Closed Note", search, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await noRole.GetAsync(new Uri(await AttachmentUrlAsync("door.png"), UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task TakingTheMemberRoleAwayRevokesReadingAtOnce()
    {
        await app.CreateUserAsync("leaving@example.org");
        using var leaving = await SignedInAsync("leaving@example.org");
        using var before = await leaving.GetAsync(new Uri("/notes/closed/closed-note", UriKind.Relative));

        using (var scope = app.Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<StudyHubUser>>();
            var user = await users.FindByEmailAsync("leaving@example.org");
            Assert.True((await users.RemoveFromRoleAsync(user!, Roles.Member)).Succeeded);
        }
        using var after = await leaving.GetAsync(new Uri("/notes/closed/closed-note", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, after.StatusCode);
    }

    [Fact]
    public async Task OutsideARequestOnlyTheSystemAccessReadsMembersOnlyNotes()
    {
        var contexts = app.Services.GetRequiredService<IDbContextFactory<StudyHubDbContext>>();
        await using var plain = await contexts.CreateDbContextAsync();
        await using var system = (await contexts.CreateDbContextAsync()).ReadingAsSystem();

        Assert.Equal(0, await plain.Notes.CountAsync(n => n.Vault.Name == "closed"));
        Assert.Equal(2, await system.Notes.CountAsync(n => n.Vault.Name == "closed"));
    }

    [Fact]
    public async Task ACachedPublicPageRetiresWhenItsVaultGoesMembersOnlyWhateverTheHostsClocksSay()
    {
        using var turning = new TempVault("turning").Write("Turning Note.md", "Public until the command runs.");
        await app.ImportVaultAsync(turning.Root, "turning");
        using var visitor = Anonymous();
        using var cached = await visitor.GetAsync(new Uri("/notes/turning/turning-note", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, cached.StatusCode);
        await using (var db = app.Database.CreateContext())
        {
            // The import ran on a host whose clock is an hour ahead of the one that runs the command.
            await db.ImportRuns.Where(r => db.Vaults.Any(v => v.Id == r.VaultId && v.Name == "turning"))
                .ExecuteUpdateAsync(r => r.SetProperty(x => x.FinishedAt, DateTimeOffset.UtcNow.AddHours(1)));
        }

        await AdminCommandTests.RunAppAsync(["vault-access", "turning", "members"], new()
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["ConnectionStrings__StudyHub"] = app.Database.ConnectionString,
        });

        // The app reads the version at most every two seconds.
        var deadline = DateTimeOffset.UtcNow.AddSeconds(10);
        var status = HttpStatusCode.OK;
        while (status == HttpStatusCode.OK && DateTimeOffset.UtcNow < deadline)
        {
            await Task.Delay(250);
            using var response = await visitor.GetAsync(new Uri("/notes/turning/turning-note", UriKind.Relative));
            status = response.StatusCode;
        }
        Assert.Equal(HttpStatusCode.NotFound, status);
    }

    [Fact]
    public async Task MembersOnlyFilesAreServedToMembersOnlyWithPrivateCaching()
    {
        var door = await AttachmentUrlAsync("door.png");
        var missing = $"/attachments/{new string('0', 64)}/door.png";
        using var anonymous = Anonymous();
        using var member = await SignedInAsync("member@example.org");

        using var hidden = await anonymous.GetAsync(new Uri(door, UriKind.Relative));
        using var absent = await anonymous.GetAsync(new Uri(missing, UriKind.Relative));
        using var shown = await member.GetAsync(new Uri(door, UriKind.Relative));
        using var again = new HttpRequestMessage(HttpMethod.Get, door) { Headers = { IfNoneMatch = { shown.Headers.ETag! } } };
        using var unchanged = await member.SendAsync(again);

        Assert.Equal((HttpStatusCode.NotFound, HttpStatusCode.NotFound), (hidden.StatusCode, absent.StatusCode));
        Assert.Equal(PageShape(await absent.Content.ReadAsStringAsync(), new string('0', 64)),
            PageShape(await hidden.Content.ReadAsStringAsync(), door.Split('/')[2]));
        Assert.Equal(HttpStatusCode.OK, shown.StatusCode);
        Assert.Equal(DoorImage, await shown.Content.ReadAsByteArrayAsync());
        Assert.Equal("no-cache, private", shown.Headers.CacheControl?.ToString());
        Assert.Equal(HttpStatusCode.NotModified, unchanged.StatusCode);
        Assert.Equal("no-cache, private", unchanged.Headers.CacheControl?.ToString());
    }

    [Fact]
    public async Task AMembersPreviewIsNeverForSharedCaches()
    {
        using var member = await SignedInAsync("member@example.org");

        using var closed = await member.GetAsync(new Uri("/api/previews/closed/closed-note", UriKind.Relative));
        using var open = await member.GetAsync(new Uri("/api/previews/open/open-note", UriKind.Relative));

        Assert.Equal("no-cache, private", closed.Headers.CacheControl?.ToString());
        Assert.Equal("public, max-age=60", open.Headers.CacheControl?.ToString());
    }

    [Fact]
    public async Task AShareLinkShowsItsNoteAloneWithItsOwnFilesOnly()
    {
        using var editor = await SignedInAsync("editor@example.org");
        var link = await CreateShareLinkAsync(editor, days: 7);
        using var visitor = Anonymous();
        using var opened = await visitor.GetAsync(link);
        using var member = await SignedInAsync("member@example.org");

        var shared = await visitor.GetStringAsync(new Uri("/notes/closed/closed-note", UriKind.Relative));
        var membersView = await member.GetStringAsync(new Uri("/notes/closed/closed-note", UriKind.Relative));
        using var door = await visitor.GetAsync(new Uri(await AttachmentUrlAsync("door.png"), UriKind.Relative));
        using var sibling = await visitor.GetAsync(new Uri(await AttachmentUrlAsync("sibling.png"), UriKind.Relative));
        using var preview = await visitor.GetAsync(new Uri("/api/previews/closed/closed-note", UriKind.Relative));

        Assert.Contains("behind the door", shared, StringComparison.Ordinal);
        Assert.Contains("An embedded note is for members only.", shared, StringComparison.Ordinal);
        foreach (var other in new[] { "Another contrastive note", "closed-sibling", "Closed Sibling" })
        {
            Assert.Contains(other, membersView, StringComparison.Ordinal);
            Assert.False(shared.Contains(other, StringComparison.Ordinal), $"{other} in {shared}");
        }
        Assert.Equal(HttpStatusCode.OK, door.StatusCode);
        Assert.Equal("no-cache, private", door.Headers.CacheControl?.ToString());
        Assert.Equal(HttpStatusCode.NotFound, sibling.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, preview.StatusCode);
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
    [InlineData("/api/previews/closed/closed-note")]
    [InlineData("/api/notes/closed-note/media")]
    [InlineData("/api/notes/closed-note/annotations")]
    [InlineData("/api/notes/closed-note/comments")]
    [InlineData("/tags/closedtag")]
    [InlineData("/vaults/closed")]
    public async Task ItsApisTagPagesAndVaultPageAnswerNotFound(string path)
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
        Assert.Equal("/notes/closed/closed-note", opened.Headers.Location!.AbsolutePath);
        Assert.Contains("behind the door", await visitor.GetStringAsync(new Uri("/notes/closed/closed-note", UriKind.Relative)), StringComparison.Ordinal);
        using var sibling = await visitor.GetAsync(new Uri("/notes/closed/closed-sibling", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, sibling.StatusCode);
        using var stranger = Anonymous();
        using var withoutLink = await stranger.GetAsync(new Uri("/notes/closed/closed-note", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, withoutLink.StatusCode);
        var door = new Uri(await AttachmentUrlAsync("door.png"), UriKind.Relative);
        using var image = await visitor.GetAsync(door);
        Assert.Equal(HttpStatusCode.OK, image.StatusCode);

        var token = link.OriginalString.Split('/')[^1];
        using var revoked = await PostWithPageTokenAsync(editor, "/notes/closed/closed-note", $"/shares/{token}/revoke", []);
        Assert.Equal(HttpStatusCode.Redirect, revoked.StatusCode);

        using var afterRevoking = await visitor.GetAsync(new Uri("/notes/closed/closed-note", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, afterRevoking.StatusCode);
        using var imageAfterRevoking = await visitor.GetAsync(door);
        Assert.Equal(HttpStatusCode.NotFound, imageAfterRevoking.StatusCode);
        using var reopened = await Anonymous().GetAsync(link);
        Assert.Equal(HttpStatusCode.Gone, reopened.StatusCode);
        var page = await reopened.Content.ReadAsStringAsync();
        Assert.Contains("This share link no longer works", page, StringComparison.Ordinal);
        Assert.Contains("It was revoked on", page, StringComparison.Ordinal);
        Assert.Contains("<a class=\"brand\" href=\"/\">StudyHub</a>", page, StringComparison.Ordinal);
        Assert.Contains("href=\"/account/login?ReturnUrl=/\"", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AMadeUpLinkIsNotFoundInsideTheSite()
    {
        using var response = await Anonymous().GetAsync(new Uri($"/shared/{NoteShare.NewToken()}", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var page = await response.Content.ReadAsStringAsync();
        Assert.Contains("There is no page at", page, StringComparison.Ordinal);
        Assert.Contains("<a class=\"brand\" href=\"/\">StudyHub</a>", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RefusedPagesAnswerForbiddenWithAWayOn()
    {
        using var member = await SignedInAsync("member@example.org");

        using var response = await member.GetAsync(new Uri("/account/denied?ReturnUrl=%2Fadmin%2Fimports", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var page = await response.Content.ReadAsStringAsync();
        Assert.Contains("You are signed in as member@example.org", page, StringComparison.Ordinal);
        Assert.Contains("href=\"/account/login?ReturnUrl=%2Fadmin%2Fimports\"", page, StringComparison.Ordinal);
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
        Assert.Contains("It expired on", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task OnlyEditorsAndAdminsCreateShareLinks()
    {
        using var member = await SignedInAsync("member@example.org");

        var page = await member.GetStringAsync(new Uri("/notes/closed/closed-note", UriKind.Relative));
        using var refused = await PostWithPageTokenAsync(member, "/notes/closed/closed-note", "/notes/closed-note/shares", new() { ["days"] = "7" });

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

        using var response = await PostWithPageTokenAsync(editor, "/notes/closed/closed-note", "/notes/closed-note/shares", new() { ["days"] = days });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    async Task<string> AttachmentUrlAsync(string path)
    {
        await using var db = app.Database.CreateContext();
        var hash = await db.Attachments.Where(a => a.Path == path).Select(a => a.ContentHash).SingleAsync();
        return $"/attachments/{hash}/{path}";
    }

    /// A page with what differs per request (the asked-for address, antiforgery tokens) taken out.
    static string PageShape(string page, string slug) => AntiforgeryValue().Replace(page, "{token}")
        .Replace(slug, "{slug}", StringComparison.Ordinal).Replace(slug.Replace('-', ' '), "{words}", StringComparison.Ordinal);

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
        var before = ShareLinks(await editor.GetStringAsync(new Uri("/notes/closed/closed-note", UriKind.Relative))).ToHashSet();
        using var created = await PostWithPageTokenAsync(editor, "/notes/closed/closed-note", "/notes/closed-note/shares", new() { ["days"] = $"{days}" });
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var link = Assert.Single(ShareLinks(await editor.GetStringAsync(new Uri("/notes/closed/closed-note", UriKind.Relative))), l => !before.Contains(l));
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

    [GeneratedRegex("CfDJ8[A-Za-z0-9_+/=-]+")]
    private static partial Regex AntiforgeryValue();

    [GeneratedRegex("<input[^>]*name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}
