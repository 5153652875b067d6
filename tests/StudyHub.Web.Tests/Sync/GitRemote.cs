using System.Diagnostics;

namespace StudyHub.Web.Tests.Sync;

/// A bare repository on disk standing for a git host, and a clone of it where the test writes, commits and pushes.
public sealed class GitRemote : IDisposable
{
    readonly string _root = Path.Combine(Path.GetTempPath(), $"studyhub-git-{Guid.NewGuid():N}");

    GitRemote()
    {
        Bare = Path.Combine(_root, "vault.git");
        Clone = Path.Combine(_root, "clone");
    }

    public string Bare { get; }
    public string Clone { get; }

    public static async Task<GitRemote> CreateAsync()
    {
        var remote = new GitRemote();
        Directory.CreateDirectory(remote._root);
        await RunAsync(remote._root, "init", "--quiet", "--bare", "--initial-branch=main", remote.Bare);
        await RunAsync(remote._root, "clone", "--quiet", remote.Bare, remote.Clone);
        await RunAsync(remote.Clone, "checkout", "--quiet", "-B", "main");
        return remote;
    }

    public GitRemote Write(string path, string content)
    {
        var full = Path.Combine(Clone, path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllText(full, content);
        return this;
    }

    public async Task PushAsync(string message)
    {
        await RunAsync(Clone, "add", "--all");
        await RunAsync(Clone, "-c", "user.name=Test", "-c", "user.email=test@example.org", "commit", "--quiet", "-m", message);
        await RunAsync(Clone, "push", "--quiet", "origin", "main");
    }

    static async Task RunAsync(string folder, params string[] arguments)
    {
        var start = new ProcessStartInfo("git") { WorkingDirectory = folder, RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        using var git = Process.Start(start)!;
        var errors = git.StandardError.ReadToEndAsync();
        await git.StandardOutput.ReadToEndAsync();
        await git.WaitForExitAsync();
        if (git.ExitCode != 0)
        {
            throw new InvalidOperationException($"git {string.Join(' ', arguments)}: {await errors}");
        }
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);
}
