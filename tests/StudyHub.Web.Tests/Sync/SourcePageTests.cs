using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using StudyHub.Testing;
using StudyHub.Web.Features.Accounts;
using StudyHub.Web.Features.Sync;

namespace StudyHub.Web.Tests.Sync;

/// An admin sets a vault's source on a page, as `vault-source` does on the command line.
public sealed partial class SourcePageTests(StudyHubApp app) : IClassFixture<StudyHubApp>, IAsyncLifetime
{
    /// Each test (a new instance) has accounts of its own.
    readonly string Admin = $"admin-{Guid.NewGuid():N}@example.org";
    readonly string Editor = $"editor-{Guid.NewGuid():N}@example.org";

    public async Task InitializeAsync()
    {
        await app.CreateUserAsync(Admin, Roles.Admin);
        await app.CreateUserAsync(Editor, Roles.Editor);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task AnAdminAddsAVaultFromAGitRepositoryAndGetsAWebhookSecretThatWorksShownOnce()
    {
        using var remote = await GitRemote.CreateAsync();
        await remote.Write("Lecture.md", "# Lecture\n\nFirst words.").PushAsync("first");
        using var admin = await app.ClientAsync(Admin);

        using var saved = await StudyHubApp.PostFormAsync(admin, "/admin/sources/new", "vault-source", Git("from-page", remote.Bare));
        var page = WebUtility.HtmlDecode(await saved.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        Assert.Contains("from-page syncs from its source", page, StringComparison.Ordinal);
        Assert.Contains("/api/vaults/from-page/push", page, StringComparison.Ordinal);
        Assert.Contains("First words.", await app.CreateClient().GetStringAsync(new Uri("/notes/from-page/lecture", UriKind.Relative)), StringComparison.Ordinal);

        // The secret on the page is the one the webhook checks.
        var secret = Secret().Match(page).Groups[1].Value;
        await remote.Write("Lecture.md", "# Lecture\n\nPushed words.").PushAsync("second");
        const string Body = """{"ref":"refs/heads/main"}""";
        using var push = new HttpRequestMessage(HttpMethod.Post, "/api/vaults/from-page/push") { Content = new StringContent(Body, Encoding.UTF8, "application/json") };
        push.Headers.Add(PushSignature.GitHubHeader, "sha256=" + SyncTests.Hmac(secret, Body));
        using var pushed = await app.CreateClient().SendAsync(push);
        Assert.Equal(HttpStatusCode.Accepted, pushed.StatusCode);

        var opened = await admin.GetStringAsync(new Uri("/admin/vaults/from-page/source", UriKind.Relative));
        Assert.DoesNotContain(secret, opened, StringComparison.Ordinal);
        Assert.Contains($"value=\"{remote.Bare}\"", opened, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SyncNowBringsAPushedEditAndSaysWhatChanged()
    {
        using var remote = await GitRemote.CreateAsync();
        await remote.Write("Lecture.md", "# Lecture\n\nBefore.").PushAsync("first");
        using var admin = await app.ClientAsync(Admin);
        using (await StudyHubApp.PostFormAsync(admin, "/admin/sources/new", "vault-source", Git("synced-now", remote.Bare)))
        {
        }
        await remote.Write("Lecture.md", "# Lecture\n\nAfter.").PushAsync("second");

        using var synced = await StudyHubApp.PostFormAsync(admin, "/admin/vaults/synced-now/source", "sync-now", []);

        Assert.Contains("1 file changed: 1 note changed", WebUtility.HtmlDecode(await synced.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Contains("After.", await app.CreateClient().GetStringAsync(new Uri("/notes/synced-now/lecture", UriKind.Relative)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ASourceThatCannotBeReadSavesNothingAndSaysWhy()
    {
        using var admin = await app.ClientAsync(Admin);
        var missing = Path.Combine(Path.GetTempPath(), $"no-such-vault-{Guid.NewGuid():N}");

        using var relative = await StudyHubApp.PostFormAsync(admin, "/admin/sources/new", "vault-source", Folder("refused", "vaults/physics"));
        using var absent = await StudyHubApp.PostFormAsync(admin, "/admin/sources/new", "vault-source", Folder("refused", missing));

        Assert.Contains("vaults/physics is not a full path", WebUtility.HtmlDecode(await relative.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Contains($"No folder at {missing}. Nothing was saved.", WebUtility.HtmlDecode(await absent.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        await using var db = app.Database.CreateContext();
        Assert.False(await db.Vaults.AnyAsync(v => v.Name == "refused"));
    }

    [Fact]
    public async Task AStoredCredentialIsKeptForItsAddressUnlessForgottenAndNeverSentElsewhere()
    {
        using var remote = await GitRemote.CreateAsync();
        await remote.Write("Lecture.md", "# Lecture").PushAsync("first");
        using var other = await GitRemote.CreateAsync();
        await other.Write("Lecture.md", "# Lecture").PushAsync("first");
        using var admin = await app.ClientAsync(Admin);
        const string Page = "/admin/vaults/credentialed/source";
        using (await StudyHubApp.PostFormAsync(admin, "/admin/sources/new", "vault-source", Git("credentialed", remote.Bare, "token-1")))
        {
        }

        using (await StudyHubApp.PostFormAsync(admin, Page, "vault-source", Git(null, remote.Bare)))
        {
        }
        Assert.Equal("token-1", await CredentialAsync("credentialed"));
        using (await StudyHubApp.PostFormAsync(admin, Page, "vault-source", Git(null, other.Bare)))
        {
        }
        Assert.Null(await CredentialAsync("credentialed"));
        using (await StudyHubApp.PostFormAsync(admin, Page, "vault-source", Git(null, other.Bare, "token-2")))
        {
        }
        Assert.Equal("token-2", await CredentialAsync("credentialed"));
        using (await StudyHubApp.PostFormAsync(admin, Page, "vault-source", new(Git(null, other.Bare)) { ["Input.ForgetCredential"] = "true" }))
        {
        }
        Assert.Null(await CredentialAsync("credentialed"));
    }

    [Fact]
    public async Task AnAdminGivesEachNoteAnEditLinkRefusesOneThatIsNoWebAddressAndTakesItAway()
    {
        using var vault = new TempVault("edited").Write("Week 1/Pick up & go.md", "# Pick up\n\nWords.");
        await app.ImportVaultAsync(vault.Root, "edited");
        using var admin = await app.ClientAsync(Admin);
        var note = new Uri("/notes/edited/week-1/pick-up-go", UriKind.Relative);
        Assert.DoesNotContain("Edit this note", await app.CreateClient().GetStringAsync(note), StringComparison.Ordinal);

        using var saved = await StudyHubApp.PostFormAsync(admin, "/admin/vaults/edited/source", "edit-links",
            new() { ["Links.Template"] = "https://git.example.org/us/notes/edit/main/vaults/{path}" });
        Assert.Contains("Each note links to", await saved.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("href=\"https://git.example.org/us/notes/edit/main/vaults/Week%201/Pick%20up%20%26%20go.md\"",
            await app.CreateClient().GetStringAsync(note), StringComparison.Ordinal);

        using var hostile = await StudyHubApp.PostFormAsync(admin, "/admin/vaults/edited/source", "edit-links",
            new() { ["Links.Template"] = "javascript:alert(1)//{path}" });
        Assert.Contains("is not a web address", WebUtility.HtmlDecode(await hostile.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Contains("https://git.example.org/us/notes/edit/main/vaults/", await app.CreateClient().GetStringAsync(note), StringComparison.Ordinal);

        using var removed = await StudyHubApp.PostFormAsync(admin, "/admin/vaults/edited/source", "edit-links", new() { ["Links.Template"] = "" });
        Assert.Contains("Notes show no edit link.", await removed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain("Edit this note", await app.CreateClient().GetStringAsync(note), StringComparison.Ordinal);
    }

    [Fact]
    public async Task OnlyAnAdminMaySetASource()
    {
        using var editor = await app.ClientAsync(Editor);

        using var opened = await editor.GetAsync(new Uri("/admin/sources/new", UriKind.Relative));

        Assert.NotEqual(HttpStatusCode.OK, opened.StatusCode);
        Assert.DoesNotContain("vault-source", await opened.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    static Dictionary<string, string> Git(string? vault, string address, string? credential = null)
    {
        var fields = new Dictionary<string, string> { ["Input.Kind"] = "Git", ["Input.Location"] = address, ["Input.Branch"] = "main" };
        if (vault is not null)
        {
            fields["Input.VaultName"] = vault;
        }
        if (credential is not null)
        {
            fields["Input.Credential"] = credential;
        }
        return fields;
    }

    static Dictionary<string, string> Folder(string vault, string path) =>
        new() { ["Input.VaultName"] = vault, ["Input.Kind"] = "Folder", ["Input.Location"] = path };

    async Task<string?> CredentialAsync(string vault)
    {
        await using var db = app.Database.CreateContext();
        var stored = await db.SyncSources.Where(s => db.Vaults.Any(v => v.Id == s.VaultId && v.Name == vault)).Select(s => s.ProtectedCredential).SingleAsync();
        return stored is null ? null : app.Services.GetRequiredService<SyncSecrets>().Unprotect(stored);
    }

    [GeneratedRegex("""<code class="webhook-secret">([^<]+)</code>""")]
    private static partial Regex Secret();
}
