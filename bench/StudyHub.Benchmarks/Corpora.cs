namespace StudyHub.Benchmarks;

/// The real notes benchmarks run on: the seed lecture and the Obsidian Help vault from ../shared.
static class Corpora
{
    public static string[] Notes(string corpus) => corpus switch
    {
        "seed" => [File.ReadAllText(Shared("seed", "000_343e7d79c79a6c1b.txt"))],
        "obsidian-help" => Directory.EnumerateFiles(Shared("corpora", "obsidian-help-en"), "*.md", SearchOption.AllDirectories)
            .Order(StringComparer.Ordinal).Select(File.ReadAllText).ToArray(),
        _ => throw new ArgumentException($"Unknown corpus {corpus}", nameof(corpus)),
    };

    public static string Shared(params string[] parts)
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "StudyHub.sln")))
            {
                return Path.Combine([directory.FullName, "..", "shared", .. parts]);
            }
        }
        throw new InvalidOperationException("Run the benchmarks from a clone of the repository, with ../shared beside it.");
    }
}
