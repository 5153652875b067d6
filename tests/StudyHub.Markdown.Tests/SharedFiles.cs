namespace StudyHub.Markdown.Tests;

// Finds the repository's shared material (seed notes, corpora) by walking up to the folder that contains "shared".
internal static class SharedFiles
{
    public static string PathOf(string relativePath)
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "shared", relativePath);
            if (File.Exists(candidate) || Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException(
            $"Could not find shared/{relativePath} in any folder above {AppContext.BaseDirectory}; the tests need the shared seed and corpora.");
    }
}
