namespace StudyHub.Testing;

/// Files of the repository and of the shared folder beside it, found from the test's output folder.
public static class RepositoryFiles
{
    public static string Root { get; } = FindUp("StudyHub.sln") ?? throw new InvalidOperationException(
        $"Could not find StudyHub.sln above {AppContext.BaseDirectory}; run the tests from a clone of the repository.");

    public static string SampleVault => Path.Combine(Root, "samples", "cs224n");

    /// ../shared beside the repository: the seed note and the real vaults that StudyHub.Corpus.Tests read. It is not part
    /// of the repository (two of the vaults have no license), so a clone alone runs StudyHub.sln's tests without it.
    public static string Shared(params string[] parts)
    {
        var shared = Path.GetFullPath(Path.Combine(Root, "..", "shared"));
        var path = Path.Combine([shared, .. parts]);
        if (!Path.Exists(path))
        {
            throw new InvalidOperationException(
                $"The corpus tests read {path}, which does not exist. They expect the shared folder (seed/ and corpora/) at {shared}, " +
                "beside the repository: copy or link the team's shared folder there (shared/corpora/README.md says where each vault " +
                "comes from). `dotnet test StudyHub.sln` runs every other test without it.");
        }
        return path;
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
