using System.Security.Cryptography;
using StudyHub.Web.Components;

namespace StudyHub.Web.Features.Sync;

/// A file as found in the source folder now.
public sealed record ScannedFile(string Path, long Size, long ModifiedTicks, byte[] Hash);

/// How a source folder differs from its manifest. Files whose size and time are as recorded are taken as unchanged
/// without being read; the others are hashed, and a file only touched (same bytes, new time) is not a change to import.
public sealed record ManifestDifference(
    List<ScannedFile> Added, List<ScannedFile> Changed, List<ScannedFile> Touched, List<string> Removed)
{
    public bool ContentChanged => Added.Count > 0 || Changed.Count > 0 || Removed.Count > 0;
    public bool Any => ContentChanged || Touched.Count > 0;

    /// "1 file changed, 2 files added": what a sync found, for the vault's page.
    public override string ToString() => Counted.List(
        (Added.Count, "file", "added"), (Changed.Count, "file", "changed"), (Removed.Count, "file", "removed")) ?? "no file changed";
}

public static class Manifest
{
    /// Compares the folder with what was recorded of it. Names starting with a dot (.obsidian, .git, .trash) are left
    /// out, as the import leaves them out; symbolic links to folders are not followed, whatever the import then
    /// decides about them, so that a loop of links cannot keep the scan going.
    public static ManifestDifference Compare(string folder, IReadOnlyDictionary<string, ManifestEntry> recorded)
    {
        var difference = new ManifestDifference([], [], [], []);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var root = new DirectoryInfo(Path.GetFullPath(folder));
        if (!root.Exists)
        {
            throw new DirectoryNotFoundException($"No folder at {root.FullName}.");
        }
        var pending = new Stack<DirectoryInfo>([root]);
        while (pending.TryPop(out var directory))
        {
            foreach (var entry in directory.EnumerateFileSystemInfos())
            {
                if (entry.Name.StartsWith('.'))
                {
                    continue;
                }
                if (entry is DirectoryInfo subfolder)
                {
                    if (subfolder.LinkTarget is null)
                    {
                        pending.Push(subfolder);
                    }
                    continue;
                }
                var file = (FileInfo)entry;
                var path = Path.GetRelativePath(root.FullName, file.FullName).Replace('\\', '/');
                seen.Add(path);
                var ticks = file.LastWriteTimeUtc.Ticks;
                if (!recorded.TryGetValue(path, out var known))
                {
                    difference.Added.Add(new ScannedFile(path, file.Length, ticks, HashOf(file)));
                }
                else if (known.Size != file.Length || known.ModifiedTicks != ticks)
                {
                    var scanned = new ScannedFile(path, file.Length, ticks, HashOf(file));
                    (scanned.Hash.AsSpan().SequenceEqual(known.Hash) ? difference.Touched : difference.Changed).Add(scanned);
                }
            }
        }
        difference.Removed.AddRange(recorded.Keys.Where(path => !seen.Contains(path)).Order(StringComparer.Ordinal));
        return difference;
    }

    static byte[] HashOf(FileInfo file)
    {
        using var stream = file.OpenRead();
        return SHA256.HashData(stream);
    }
}
