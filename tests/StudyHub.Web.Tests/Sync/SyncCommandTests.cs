using StudyHub.Testing;
using static StudyHub.Web.Tests.AdminCommandTests;

namespace StudyHub.Web.Tests.Sync;

/// `vault-source` and `sync` as an admin runs them: the app's own binary in a child process.
public sealed class SyncCommandTests
{
    [Fact]
    public async Task AFolderSourceIsSyncedWhenSetAndAgainWhenToldWithTheWebhookSecretShownOnce()
    {
        await using var database = await TestDatabase.CreateAsync();
        using var vault = new TempVault("course").Write("Lecture.md", "# Lecture\n\nFirst.");
        var environment = new Dictionary<string, string?>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["ConnectionStrings__StudyHub"] = database.ConnectionString,
        };

        var set = await RunAppAsync(["vault-source", "course", "folder", vault.Root, "--watch"], environment);
        var unchanged = await RunAppAsync(["sync", "course"], environment);
        vault.Write("Lecture.md", "# Lecture\n\nSecond.");
        var changed = await RunAppAsync(["sync", "course"], environment);

        Assert.Equal(0, set.ExitCode);
        Assert.Contains($"course syncs from folder {vault.Root}.", set.Output, StringComparison.Ordinal);
        Assert.Contains("Vault \"course\": 1 new, 0 changed", set.Output, StringComparison.Ordinal);
        Assert.Contains("Webhook: POST /api/vaults/course/push", set.Output, StringComparison.Ordinal);
        Assert.Matches("Webhook secret \\(shown only now\\): [0-9a-f]{64}", set.Output);
        Assert.Equal(0, unchanged.ExitCode);
        Assert.Contains("Nothing changed.", unchanged.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Vault \"course\"", unchanged.Output, StringComparison.Ordinal);
        Assert.Equal(0, changed.ExitCode);
        Assert.Contains("Vault \"course\": 0 new, 1 changed", changed.Output, StringComparison.Ordinal);
        Assert.Matches(@"Synced in \d+\.\d\d s: 1 file changed: 1 note changed \(1 note rendered\)", changed.Output);
    }

    [Fact]
    public async Task ASourceThatCannotBeReadIsRefusedWithTheReason()
    {
        await using var database = await TestDatabase.CreateAsync();
        var environment = new Dictionary<string, string?>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["ConnectionStrings__StudyHub"] = database.ConnectionString,
        };

        var missing = await RunAppAsync(["vault-source", "course", "folder", "/no/such/vault"], environment);
        var leaky = await RunAppAsync(["vault-source", "course", "git", "https://me:hunter2@git.example.org/notes.git"], environment);

        Assert.Equal(2, missing.ExitCode);
        Assert.Contains("vault-source: No folder at /no/such/vault.", missing.Output, StringComparison.Ordinal);
        Assert.Equal(2, leaky.ExitCode);
        Assert.Contains("holds a password", leaky.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", leaky.Output, StringComparison.Ordinal);
    }
}
