using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using StudyHub.Testing;

namespace StudyHub.Web.Tests;

/// The admin commands and start-up rules, run as a user runs them: the app's own binary in a child process.
public sealed class AdminCommandTests
{
    [Fact]
    public async Task UnknownCommandPrintsUsageAndFails()
    {
        var result = await RunAppAsync(["frobnicate"], new() { ["ASPNETCORE_ENVIRONMENT"] = "Testing" });

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("Unknown command: frobnicate", result.Output, StringComparison.Ordinal);
        Assert.Contains("import <path>", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ImportOfAMissingFolderSaysSoAndFails()
    {
        var result = await RunAppAsync(["import", "/no/such/vault"], new() { ["ASPNETCORE_ENVIRONMENT"] = "Testing" });

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("no vault folder or .zip at /no/such/vault", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ProductionWithoutConnectionStringRefusesToStart()
    {
        var result = await RunAppAsync([], new() { ["ASPNETCORE_ENVIRONMENT"] = "Production", ["ASPNETCORE_URLS"] = "http://127.0.0.1:0" });

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("set ConnectionStrings__StudyHub", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ImportCommandLoadsAVaultIntoTheConfiguredDatabase()
    {
        await using var database = await TestDatabase.CreateAsync();
        var environment = new Dictionary<string, string?>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["ConnectionStrings__StudyHub"] = database.ConnectionString,
        };

        var first = await RunAppAsync(["import", RepositoryFiles.SampleVault, "--vault", "course"], environment);
        var second = await RunAppAsync(["import", RepositoryFiles.SampleVault, "--vault", "course"], environment);

        Assert.Equal(0, first.ExitCode);
        Assert.Matches("Vault \"course\": [1-9][0-9]* new, 0 changed, 0 unchanged, 0 renamed, 0 removed notes", first.Output);
        Assert.Matches("Vault \"course\": 0 new, 0 changed, [1-9][0-9]* unchanged, 0 renamed, 0 removed notes", second.Output);
    }

    [Fact]
    public async Task VaultEditLinksTakesAWebAddressWithThePathAndRefusesAnythingElse()
    {
        await using var database = await TestDatabase.CreateAsync();
        var environment = new Dictionary<string, string?>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["ConnectionStrings__StudyHub"] = database.ConnectionString,
        };
        Assert.Equal(0, (await RunAppAsync(["import", RepositoryFiles.SampleVault, "--vault", "course"], environment)).ExitCode);

        var refused = await RunAppAsync(["vault-edit-links", "course", "javascript:alert(1)//{path}"], environment);
        var missing = await RunAppAsync(["vault-edit-links", "no-such-vault", "https://github.com/us/notes/edit/main/{path}"], environment);
        var taken = await RunAppAsync(["vault-edit-links", "course", "https://github.com/us/notes/edit/main/{path}"], environment);

        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("vault-edit-links: javascript:alert(1)//{path} is not a web address", refused.Output, StringComparison.Ordinal);
        Assert.Equal(2, missing.ExitCode);
        Assert.Contains("no vault named no-such-vault; vaults: course", missing.Output, StringComparison.Ordinal);
        Assert.Equal(0, taken.ExitCode);
        await using var db = database.CreateContext();
        Assert.Equal("https://github.com/us/notes/edit/main/{path}", await db.Vaults.Select(v => v.EditLinks).SingleAsync());
    }

    [Fact]
    public async Task DevelopmentWithoutConnectionStringRunsAPrivateClusterAndKeepsItsData()
    {
        var root = Path.Combine(Path.GetTempPath(), $"studyhub-dev-{Guid.NewGuid():N}");
        var environment = new Dictionary<string, string?>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["LocalDatabase__Directory"] = root,
        };
        try
        {
            var first = await RunAppAsync(["import", RepositoryFiles.SampleVault], environment);
            var second = await RunAppAsync(["import", RepositoryFiles.SampleVault], environment);

            Assert.Equal(0, first.ExitCode);
            Assert.Contains($"Started the local PostgreSQL cluster in {root}/data", first.Output, StringComparison.Ordinal);
            Assert.Contains("psql -h 127.0.0.1 -p ", first.Output, StringComparison.Ordinal);
            Assert.Contains("Stopped the local PostgreSQL cluster", first.Output, StringComparison.Ordinal);
            Assert.Matches("Vault \"cs224n\": 0 new, 0 changed, [1-9][0-9]* unchanged", second.Output);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    internal sealed record Result(int ExitCode, string Output);

    internal static async Task<Result> RunAppAsync(string[] arguments, Dictionary<string, string?> environment)
    {
        using var process = StartApp(arguments, environment);
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return new Result(process.ExitCode, await output + await error);
    }

    /// The app's binary with these arguments, its output redirected; the environment replaces the caller's connection string.
    internal static Process StartApp(string[] arguments, Dictionary<string, string?> environment)
    {
        var app = typeof(Program).Assembly.Location;
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(app)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(app);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        start.Environment.Remove("ConnectionStrings__StudyHub");
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }
        return Process.Start(start)!;
    }
}
