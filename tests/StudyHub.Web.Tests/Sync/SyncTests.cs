using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using StudyHub.Testing;
using StudyHub.Web.Features.Accounts;
using StudyHub.Web.Features.Sync;

namespace StudyHub.Web.Tests.Sync;

public sealed class SyncTests(StudyHubApp app) : IClassFixture<StudyHubApp>
{
    [Fact]
    public async Task ASyncWithNothingChangedTouchesNoRow()
    {
        using var vault = new TempVault("still")
            .Write("A.md", "# A\n\nLinks to [[B]] at 1:02.")
            .Write("B.md", "# B\n\nBack to [[A]].")
            .Write("img/pic.png", [0x89, 0x50, 0x4E, 0x47]);
        var vaultId = await SourceAsync("still", new SourceSettings(SourceKind.Folder, vault.Root));
        var before = await RowVersionsAsync();

        var outcome = await SyncAsync(vaultId);

        Assert.Equal(SyncResult.Unchanged, outcome.Result);
        Assert.Equal(before, await RowVersionsAsync());
    }

    [Fact]
    public async Task ANoteRenderedAgainThatComesOutTheSameIsNotWritten()
    {
        using var vault = new TempVault("rerendered").Write("A.md", "# A\n\nFirst words.\n\nSee [[B]] here.").Write("B.md", "# B\n\nText.");
        var vaultId = await SourceAsync("rerendered", new SourceSettings(SourceKind.Folder, vault.Root));
        var before = await NoteVersionsAsync("rerendered");
        vault.Write("A.md", "# A\n\nOther words.\n\nSee [[B]] here.");

        var outcome = await SyncAsync(vaultId);

        // B lists A's sentence among its backlinks, so it is rendered again; the sentence did not change, so neither did B.
        var after = await NoteVersionsAsync("rerendered");
        Assert.Equal(2, outcome.Report!.NotesRendered);
        Assert.NotEqual(before["A.md"], after["A.md"]);
        Assert.Equal(before["B.md"], after["B.md"]);
    }

    [Fact]
    public async Task AnEditedAddedAndRemovedNoteAreImportedByTheNextSync()
    {
        using var vault = new TempVault("edited").Write("A.md", "# A\n\nFirst words.").Write("B.md", "# B\n\nGoing soon.");
        var vaultId = await SourceAsync("edited", new SourceSettings(SourceKind.Folder, vault.Root));
        vault.Write("A.md", "# A\n\nSecond words.").Write("C.md", "# C\n\nNew.").Delete("B.md");

        var outcome = await SyncAsync(vaultId);
        var again = await SyncAsync(vaultId);

        Assert.Equal(SyncResult.Imported, outcome.Result);
        Assert.Equal((1, 1, 1), (outcome.Report!.NotesAdded, outcome.Report.NotesChanged, outcome.Report.NotesRemoved));
        Assert.Contains("Second words.", await NoteTextAsync("edited", "A.md"));
        Assert.Equal(SyncResult.Unchanged, again.Result);
        await using var db = app.Database.CreateContext();
        var source = await db.SyncSources.SingleAsync(s => s.VaultId == vaultId);
        Assert.Equal("1 file added, 1 file changed, 1 file removed: 1 note added, 1 note changed, 1 note removed (2 notes rendered)", source.LastChange);
        Assert.Equal(["A.md", "C.md"], await db.SyncManifest.Where(e => e.SourceId == source.Id).Select(e => e.Path).OrderBy(p => p).ToListAsync());
    }

    [Fact]
    public async Task AFileTouchedButNotChangedImportsNothing()
    {
        using var vault = new TempVault("touched").Write("A.md", "# A\n\nSame words.");
        var vaultId = await SourceAsync("touched", new SourceSettings(SourceKind.Folder, vault.Root));
        File.SetLastWriteTimeUtc(Path.Combine(vault.Root, "A.md"), DateTime.UtcNow.AddMinutes(5));
        var runs = await ImportRunsAsync();

        var outcome = await SyncAsync(vaultId);

        Assert.Equal(SyncResult.Unchanged, outcome.Result);
        Assert.Equal(runs, await ImportRunsAsync());
        Assert.Equal(SyncResult.Unchanged, (await SyncAsync(vaultId)).Result);
    }

    /// The sync lists the folder as the import does: what the import leaves out, with a warning, is not in the manifest.
    [Fact]
    public async Task SymbolicLinksLeavingTheFolderAreLeftOutOfTheSyncWithTheImportsWarnings()
    {
        using var outside = new TempVault("beyond").Write("secret.md", "# Secret");
        using var vault = new TempVault("linked").Write("A.md", "# A\n\nFirst.");
        File.CreateSymbolicLink(Path.Combine(vault.Root, "Escape.md"), Path.Combine(outside.Root, "secret.md"));
        Directory.CreateSymbolicLink(Path.Combine(vault.Root, "EscapeDir"), outside.Root);
        var (source, _, first) = await ConfigureAsync("linked", new SourceSettings(SourceKind.Folder, vault.Root));
        vault.Write("A.md", "# A\n\nSecond.");

        var outcome = await SyncAsync(source.VaultId);

        foreach (var report in new[] { first.Report!, outcome.Report! })
        {
            Assert.Contains(report.Warnings, w => w.Path == "Escape.md" && w.Message.Contains("outside the vault", StringComparison.Ordinal));
            Assert.Contains(report.Warnings, w => w.Path == "EscapeDir" && w.Message.Contains("outside the vault", StringComparison.Ordinal));
        }
        await using var db = app.Database.CreateContext();
        Assert.Equal(["A.md"], await db.SyncManifest.Where(e => e.SourceId == source.Id).Select(e => e.Path).ToListAsync());
    }

    [Fact]
    public async Task APushAnnouncedWithAValidSignatureUpdatesTheNote()
    {
        using var remote = await GitRemote.CreateAsync();
        await remote.Write("notes/Lecture.md", "# Lecture\n\nBefore the push.").Write("README.md", "not the vault").PushAsync("first");
        var (vaultId, secret) = await GitSourceAsync("pushed", remote, subfolder: "notes");
        await remote.Write("notes/Lecture.md", "# Lecture\n\nAfter the push.").PushAsync("second");
        var body = """{"ref":"refs/heads/main"}""";

        using var response = await PushAsync("pushed", body, PushSignature.GitHubHeader, "sha256=" + Hmac(secret, body));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        await WaitForAsync(async () => (await NoteTextAsync("pushed", "Lecture.md")).Contains("After the push.", StringComparison.Ordinal),
            "the pushed edit to show on the note");
        // The source's record of the sync is written just after the import commits.
        await WaitForAsync(async () =>
        {
            await using var db = app.Database.CreateContext();
            return (await db.SyncSources.SingleAsync(s => s.VaultId == vaultId)).LastChange == "1 file changed: 1 note changed (1 note rendered)";
        }, "the sync to be recorded on the source");
    }

    [Theory]
    [InlineData(PushSignature.GitHubHeader, "sha256=")]
    [InlineData(PushSignature.GiteaHeader, "")]
    [InlineData(PushSignature.GitLabHeader, null)]
    [InlineData(null, null)]
    public async Task APushWithABadSignatureIsRefusedAndSyncsNothing(string? header, string? prefix)
    {
        using var remote = await GitRemote.CreateAsync();
        await remote.Write("Lecture.md", "# Lecture\n\nBefore the push.").PushAsync("first");
        var vault = $"refused-{Guid.NewGuid():N}"[..16];
        var (_, secret) = await GitSourceAsync(vault, remote);
        await remote.Write("Lecture.md", "# Lecture\n\nAfter the push.").PushAsync("second");
        var body = """{"ref":"refs/heads/main"}""";
        var forged = prefix is null ? "not the secret" : prefix + Hmac("not the secret", body);
        var runs = await ImportRunsAsync();

        using var response = await PushAsync(vault, body, header, forged);
        // Signed with the secret but over another body: the signature must cover what was sent.
        using var replayed = header is null || prefix is null ? null : await PushAsync(vault, body + " ", header, prefix + Hmac(secret, body));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, replayed?.StatusCode ?? HttpStatusCode.Unauthorized);
        Assert.Equal(runs, await ImportRunsAsync());
        Assert.Contains("Before the push.", await NoteTextAsync(vault, "Lecture.md"));
    }

    [Theory]
    [InlineData(PushSignature.GiteaHeader, "")]
    [InlineData(PushSignature.GitLabHeader, null)]
    public async Task GiteaAndGitLabPushesAreAcceptedWithTheirOwnSchemes(string header, string? prefix)
    {
        using var remote = await GitRemote.CreateAsync();
        await remote.Write("Lecture.md", "# Lecture\n\nBefore.").PushAsync("first");
        var vault = $"host-{Guid.NewGuid():N}"[..16];
        var (_, secret) = await GitSourceAsync(vault, remote);
        await remote.Write("Lecture.md", "# Lecture\n\nAfter.").PushAsync("second");
        var body = """{"ref":"refs/heads/main"}""";

        using var response = await PushAsync(vault, body, header, prefix is null ? secret : prefix + Hmac(secret, body));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        await WaitForAsync(async () => (await NoteTextAsync(vault, "Lecture.md")).Contains("After.", StringComparison.Ordinal), "the pushed edit");
    }

    [Fact]
    public async Task ASyncWaitsWhileAnotherInstanceSyncsTheSameVault()
    {
        using var vault = new TempVault("shared").Write("A.md", "# A\n\nFirst.");
        var vaultId = await SourceAsync("shared", new SourceSettings(SourceKind.Folder, vault.Root));
        var (space, key) = VaultSync.LockOf(vaultId);
        await using var otherInstance = app.Database.CreateContext();
        await otherInstance.Database.OpenConnectionAsync();
        await otherInstance.Database.ExecuteSqlAsync($"SELECT pg_advisory_lock({space}, {key})");
        vault.Write("A.md", "# A\n\nSecond.");

        var sync = SyncAsync(vaultId);
        await WaitForAsync(async () =>
        {
            await using var db = app.Database.CreateContext();
            return await db.Database.SqlQuery<bool>(
                $"SELECT EXISTS (SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND NOT granted AND classid = {space}::oid) AS \"Value\"").SingleAsync();
        }, "the sync to wait for the lock");
        Assert.False(sync.IsCompleted);
        Assert.Contains("First.", await NoteTextAsync("shared", "A.md"));
        await otherInstance.Database.ExecuteSqlAsync($"SELECT pg_advisory_unlock({space}, {key})");

        Assert.Equal(SyncResult.Imported, (await sync).Result);
        Assert.Contains("Second.", await NoteTextAsync("shared", "A.md"));
    }

    [Fact]
    public async Task AnUnreachableRemoteIsRecordedAsTheSourcesErrorAndLosesNothing()
    {
        using var remote = await GitRemote.CreateAsync();
        await remote.Write("Lecture.md", "# Lecture\n\nKept.").PushAsync("first");
        var (vaultId, _) = await GitSourceAsync("unreachable", remote);
        Directory.Delete(remote.Bare, recursive: true);

        var outcome = await SyncAsync(vaultId);

        Assert.Equal(SyncResult.Failed, outcome.Result);
        Assert.StartsWith("git fetch failed", outcome.Message, StringComparison.Ordinal);
        await using var db = app.Database.CreateContext();
        Assert.Equal(outcome.Message, (await db.SyncSources.SingleAsync(s => s.VaultId == vaultId)).LastError);
        Assert.Contains("Kept.", await NoteTextAsync("unreachable", "Lecture.md"));
    }

    [Fact]
    public async Task TheVaultPageShowsEditorsItsSourceLastChangeAndError()
    {
        using var remote = await GitRemote.CreateAsync();
        await remote.Write("Lecture.md", "# Lecture\n\nOne.").PushAsync("first");
        var (vaultId, _) = await GitSourceAsync("shown", remote);
        await remote.Write("Lecture.md", "# Lecture\n\nTwo.").PushAsync("second");
        await SyncAsync(vaultId);
        Directory.Delete(remote.Bare, recursive: true);
        var failure = (await SyncAsync(vaultId)).Message;
        await app.CreateUserAsync("sync-editor@example.org", Roles.Editor);
        using var editor = await app.ClientAsync("sync-editor@example.org");
        using var visitor = app.CreateClient();

        var page = await editor.GetStringAsync(new Uri("/vaults/shown", UriKind.Relative));
        var visitorsPage = await visitor.GetStringAsync(new Uri("/vaults/shown", UriKind.Relative));

        Assert.Contains($"Syncs from git {remote.Bare} (main)", page, StringComparison.Ordinal);
        Assert.Contains("1 file changed: 1 note changed (1 note rendered).", WebUtility.HtmlDecode(page), StringComparison.Ordinal);
        Assert.Contains("The last sync failed", page, StringComparison.Ordinal);
        Assert.Contains(failure, WebUtility.HtmlDecode(page), StringComparison.Ordinal);
        Assert.DoesNotContain("Syncs from", visitorsPage, StringComparison.Ordinal);
        Assert.Contains("Lecture", visitorsPage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnAddressWithAPasswordInItIsRefusedBeforeAnythingIsStored()
    {
        using var scope = app.Services.CreateScope();
        var sync = scope.ServiceProvider.GetRequiredService<VaultSync>();

        var refused = await Assert.ThrowsAsync<SourceUnavailableException>(() =>
            sync.ConfigureAsync("leaky", new SourceSettings(SourceKind.Git, "https://me:secret-token@git.example.org/vault.git"), default));

        Assert.Contains("holds a password", refused.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("secret-token", refused.Message, StringComparison.Ordinal);
        await using var db = app.Database.CreateContext();
        Assert.False(await db.Vaults.AnyAsync(v => v.Name == "leaky"));
    }

    [Fact]
    public async Task AWatchedFolderShowsAnEditedNoteWithinSeconds()
    {
        using var vault = new TempVault("watched").Write("Lecture.md", "# Lecture\n\nAs first written.");
        await SourceAsync("watched", new SourceSettings(SourceKind.Folder, vault.Root, Watch: true));
        // The watch is in place once the runner has looked at the sources; until then an edit is seen by its first look.
        vault.Write("Lecture.md", "# Lecture\n\nAs edited in Obsidian.");

        await WaitForAsync(() => PageShowsAsync("/notes/watched/lecture", "As edited in Obsidian."), "the edited note to show", Seconds(15));
        // Now certainly by the watcher: the next rescan is minutes away.
        vault.Write("Lecture.md", "# Lecture\n\nEdited once more.");
        await WaitForAsync(() => PageShowsAsync("/notes/watched/lecture", "Edited once more."), "the second edit to show", Seconds(15));
    }

    async Task<Guid> SourceAsync(string vault, SourceSettings settings) => (await ConfigureAsync(vault, settings)).Source.VaultId;

    async Task<(Guid VaultId, string Secret)> GitSourceAsync(string vault, GitRemote remote, string? subfolder = null)
    {
        var (source, secret, _) = await ConfigureAsync(vault, new SourceSettings(SourceKind.Git, remote.Bare, Branch: "main", Subfolder: subfolder));
        return (source.VaultId, secret);
    }

    async Task<(SyncSource Source, string WebhookSecret, SyncOutcome First)> ConfigureAsync(string vault, SourceSettings settings)
    {
        using var scope = app.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<VaultSync>().ConfigureAsync(vault, settings, default);
    }

    async Task<SyncOutcome> SyncAsync(Guid vaultId)
    {
        using var scope = app.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<VaultSync>().SyncAsync(vaultId, "test", default);
    }

    async Task<HttpResponseMessage> PushAsync(string vault, string body, string? header, string signature)
    {
        using var client = app.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/vaults/{vault}/push")
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        if (header is not null)
        {
            request.Headers.Add(header, signature);
        }
        return await client.SendAsync(request);
    }

    internal static string Hmac(string secret, string body) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(body)));

    /// The note's markdown as stored, which the page renders.
    async Task<string> NoteTextAsync(string vault, string path)
    {
        await using var db = app.Database.CreateContext();
        return await db.Notes.IgnoreQueryFilters().Where(n => n.Vault.Name == vault && n.Path == path && n.DeletedAt == null)
            .Select(n => n.Markdown).SingleAsync();
    }

    async Task<int> ImportRunsAsync()
    {
        await using var db = app.Database.CreateContext();
        return await db.ImportRuns.CountAsync();
    }

    /// Each note's row version (xmin) by path.
    async Task<Dictionary<string, string>> NoteVersionsAsync(string vaultName)
    {
        await using var db = app.Database.CreateContext();
        var rows = await db.Database.SqlQuery<string>($"""
            SELECT n."Path" || ' ' || n.xmin::text AS "Value" FROM "Notes" n JOIN "Vaults" v ON v."Id" = n."VaultId" WHERE v."Name" = {vaultName}
            """).ToListAsync();
        return rows.ToDictionary(r => r[..r.LastIndexOf(' ')], r => r[(r.LastIndexOf(' ') + 1)..]);
    }

    /// Every row's version (xmin, which any update, even to the same values, moves) in the tables a sync may write,
    /// and the content version the reading caches key on.
    async Task<string> RowVersionsAsync()
    {
        await using var db = app.Database.CreateContext();
        var versions = new StringBuilder();
        foreach (var table in new[] { "Vaults", "Notes", "NoteLinks", "NoteTimestamps", "NoteRevisions", "Attachments", "ImportRuns", "SyncSources", "SyncManifest", "ContentVersions", "SwitcherNames", "SearchWords", "VaultTags" })
        {
            var query = "SELECT coalesce(string_agg(xmin::text, ',' ORDER BY ctid), '') AS \"Value\" FROM \"" + table + "\"";
            var rows = await db.Database.SqlQueryRaw<string>(query).SingleAsync();
            versions.AppendLine(System.Globalization.CultureInfo.InvariantCulture, $"{table}: {rows}");
        }
        return versions.ToString();
    }

    async Task<bool> PageShowsAsync(string address, string text)
    {
        using var client = app.CreateClient();
        return (await client.GetStringAsync(new Uri(address, UriKind.Relative))).Contains(text, StringComparison.Ordinal);
    }

    static TimeSpan Seconds(int seconds) => TimeSpan.FromSeconds(seconds);

    /// Waits for what a background sync does; generous by default, as the machine running the tests may be busy.
    static async Task WaitForAsync(Func<Task<bool>> condition, string what, TimeSpan? within = null)
    {
        using var patience = new CancellationTokenSource(within ?? Seconds(60));
        while (!await condition())
        {
            if (patience.IsCancellationRequested)
            {
                Assert.Fail($"Waited {(within ?? Seconds(60)).TotalSeconds} s for {what}.");
            }
            await Task.Delay(TimeSpan.FromMilliseconds(100), CancellationToken.None);
        }
    }
}
