namespace StudyHub.Testing;

/// Files of the repository and of the shared folder beside it, found from the test's output folder.
public static class RepositoryFiles
{
    public static string Root { get; } = FindUp("StudyHub.sln") ?? throw new InvalidOperationException(
        $"Could not find StudyHub.sln above {AppContext.BaseDirectory}; run the tests from a clone of the repository.");

    public static string SampleVault => Path.Combine(Root, "samples", "cs224n");

    /// ../shared beside the repository: the seed note and the real vaults we test against.
    public static string Shared(params string[] parts)
    {
        var shared = Path.GetFullPath(Path.Combine(Root, "..", "shared"));
        if (!Directory.Exists(shared))
        {
            throw new InvalidOperationException($"The shared folder is missing: expected it at {shared}, beside the repository.");
        }
        return Path.Combine([shared, .. parts]);
    }

    static string? FindUp(string marker)
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, marker)))
            {
                return directory.FullName;
            }
        }
        return null;
    }
}
