using System.Security.Cryptography;
using StudyHub.Web.Components;
using StudyHub.Web.Features.Import;

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
    /// Compares the folder's files, as the import lists them (VaultSource.OpenFolder) and so then reads them, with what
    /// was recorded of them: what the import leaves out is not part of the manifest either.
    public static ManifestDifference Compare(VaultFiles folder, IReadOnlyDictionary<string, ManifestEntry> recorded)
    {
        var difference = new ManifestDifference([], [], [], []);
        foreach (var file in folder.Entries)
        {
            var ticks = file.SavedAt?.UtcTicks ?? throw new ArgumentException($"{file.Path} has no time: a manifest is of a folder's files.", nameof(folder));
            if (!recorded.TryGetValue(file.Path, out var known))
            {
                difference.Added.Add(new ScannedFile(file.Path, file.Length, ticks, HashOf(folder, file)));
            }
            else if (known.Size != file.Length || known.ModifiedTicks != ticks)
            {
                var scanned = new ScannedFile(file.Path, file.Length, ticks, HashOf(folder, file));
                (scanned.Hash.AsSpan().SequenceEqual(known.Hash) ? difference.Touched : difference.Changed).Add(scanned);
            }
        }
        difference.Removed.AddRange(recorded.Keys.Where(path => !folder.Contains(path)).Order(StringComparer.Ordinal));
        return difference;
    }

    static byte[] HashOf(VaultFiles folder, VaultEntry file) => SHA256.HashData(folder.Read(file.Path));
}
