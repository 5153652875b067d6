using System.Diagnostics;
using System.Text;

namespace StudyHub.Web.Features.Sync;

/// Raised when a source cannot be read: an unreachable remote, refused credentials, a missing branch or folder. The
/// message is for the admin, on the vault's page and the command line, and never holds a secret.
public sealed class SourceUnavailableException(string message) : Exception(message);

/// A repository's branch kept checked out in a folder of its own, brought up to date with the git command line.
/// The command line rather than LibGit2Sharp: libgit2's builds for .NET carry no SSH transport, and git's own SSH,
/// HTTPS and proxy handling is what people already know how to configure (docs/sync.md).
public static class GitCheckout
{
    /// Brings <paramref name="folder"/> to the tip of the branch, cloning it the first time, and returns the commit.
    /// Only files that changed are rewritten, so their times tell the manifest what to read again.
    public static async Task<string> UpdateAsync(SyncSource source, string? credential, string folder, CancellationToken cancellationToken)
    {
        CheckAddress(source.Location);
        using var access = GitAccess.For(source.Location, credential, Path.Combine(Path.GetDirectoryName(folder)!, "known_hosts"));
        if (!Directory.Exists(Path.Combine(folder, ".git")))
        {
            Directory.CreateDirectory(folder);
            await RunAsync(access, folder, cancellationToken, "init", "--quiet");
            await RunAsync(access, folder, cancellationToken, "remote", "add", "origin", "--", source.Location);
        }
        // Only the branch's tip is fetched: a vault's history is not imported, and a shallow fetch of a large one is fast.
        await RunAsync(access, folder, cancellationToken, "fetch", "--quiet", "--depth=1", "--no-tags", "origin", "--", source.Branch ?? "HEAD");
        await RunAsync(access, folder, cancellationToken, "reset", "--quiet", "--hard", "FETCH_HEAD");
        await RunAsync(access, folder, cancellationToken, "clean", "--quiet", "-ffdx");
        return (await RunAsync(access, folder, cancellationToken, "rev-parse", "HEAD")).Trim();
    }

    /// A token in the address would be stored and shown with it; it is given apart, to be kept protected.
    public static void CheckAddress(string address)
    {
        if (address.StartsWith('-'))
        {
            throw new SourceUnavailableException($"\"{address}\" is not a repository address.");
        }
        if (Uri.TryCreate(address, UriKind.Absolute, out var uri) && uri.UserInfo.Contains(':', StringComparison.Ordinal))
        {
            throw new SourceUnavailableException("The repository address holds a password; give the address without it and the token apart (--token-file).");
        }
    }

    static async Task<string> RunAsync(GitAccess access, string folder, CancellationToken cancellationToken, params string[] arguments)
    {
        var start = new ProcessStartInfo("git") { WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        access.Apply(start.Environment);
        using var git = Process.Start(start) ?? throw new SourceUnavailableException("git could not be started; is it installed?");
        var output = git.StandardOutput.ReadToEndAsync(cancellationToken);
        var errors = git.StandardError.ReadToEndAsync(cancellationToken);
        try
        {
            await git.WaitForExitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            git.Kill(entireProcessTree: true);
            throw;
        }
        if (git.ExitCode != 0)
        {
            throw new SourceUnavailableException($"git {arguments[0]} failed: {access.Hide((await errors).Trim())}");
        }
        return await output;
    }

    /// How git is told the credential without it reaching the command line (which `ps` shows to every user): a token
    /// as an HTTP header set through git's environment configuration, a deploy key as a file only the app may read,
    /// deleted when the command ends.
    sealed class GitAccess : IDisposable
    {
        readonly Dictionary<string, string?> _environment = new()
        {
            ["GIT_TERMINAL_PROMPT"] = "0",
            // Not ext:: or other transports that run commands; file for a repository on the server (and the tests).
            ["GIT_ALLOW_PROTOCOL"] = "https:ssh:file",
            ["GIT_CONFIG_NOSYSTEM"] = "1",
        };
        string? _keyFile;
        string? _secret;

        public static GitAccess For(string address, string? credential, string knownHosts)
        {
            var access = new GitAccess();
            // REVIEW: a host's key is trusted when first seen and held to afterwards; an admin who wants it checked from
            // the first pull puts the host's line in this file beforehand (docs/sync.md).
            var ssh = $"ssh -o BatchMode=yes -o StrictHostKeyChecking=accept-new -o UserKnownHostsFile='{knownHosts}'";
            if (credential is null)
            {
                access._environment["GIT_SSH_COMMAND"] = ssh;
                return access;
            }
            access._secret = credential;
            if (credential.Contains("PRIVATE KEY", StringComparison.Ordinal))
            {
                access._keyFile = Path.Combine(Path.GetTempPath(), $"studyhub-key-{Guid.NewGuid():N}");
                File.WriteAllText(access._keyFile, "", Encoding.ASCII);
                if (!OperatingSystem.IsWindows())
                {
                    File.SetUnixFileMode(access._keyFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
                }
                File.WriteAllText(access._keyFile, credential.ReplaceLineEndings("\n").TrimEnd() + "\n", Encoding.ASCII);
                access._environment["GIT_SSH_COMMAND"] = $"{ssh} -o IdentitiesOnly=yes -i '{access._keyFile}'";
            }
            else if (address.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
            {
                // GitHub, GitLab and Gitea all take a token as the password of any user name.
                var basic = Convert.ToBase64String(Encoding.UTF8.GetBytes($"x-access-token:{credential.Trim()}"));
                access._environment["GIT_CONFIG_COUNT"] = "1";
                access._environment["GIT_CONFIG_KEY_0"] = "http.extraHeader";
                access._environment["GIT_CONFIG_VALUE_0"] = $"Authorization: Basic {basic}";
            }
            return access;
        }

        public void Apply(IDictionary<string, string?> environment)
        {
            foreach (var (name, value) in _environment)
            {
                environment[name] = value;
            }
        }

        public string Hide(string message) =>
            string.IsNullOrEmpty(_secret) ? message : message.Replace(_secret.Trim(), "[credential]", StringComparison.Ordinal);

        public void Dispose()
        {
            if (_keyFile is not null)
            {
                File.Delete(_keyFile);
            }
        }
    }
}
