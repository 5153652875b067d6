using System.IO.Compression;
using System.Text;

namespace StudyHub.Testing;

/// A vault folder in the temp directory that a test writes, edits and zips, deleted afterwards.
public sealed class TempVault : IDisposable
{
    public TempVault(string name = "vault")
    {
        Root = Path.Combine(Path.GetTempPath(), $"studyhub-vault-{Guid.NewGuid():N}", name);
        Directory.CreateDirectory(Root);
    }

    public string Root { get; }

    public TempVault Write(string path, string content) => Write(path, Encoding.UTF8.GetBytes(content));

    public TempVault Write(string path, byte[] content)
    {
        var full = Path.Combine(Root, path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllBytes(full, content);
        return this;
    }

    /// Dates a file as if its author had last saved it then.
    public TempVault SavedAt(string path, DateTime utc)
    {
        File.SetLastWriteTimeUtc(Path.Combine(Root, path), utc);
        return this;
    }

    public TempVault Delete(string path)
    {
        File.Delete(Path.Combine(Root, path));
        return this;
    }

    public TempVault Move(string from, string to)
    {
        var target = Path.Combine(Root, to);
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        File.Move(Path.Combine(Root, from), target);
        return this;
    }

    /// Copies a real vault (read-only in CI) so a test may change it.
    public static TempVault CopyOf(string folder)
    {
        var vault = new TempVault(Path.GetFileName(folder.TrimEnd('/')));
        foreach (var file in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories))
        {
            vault.Write(Path.GetRelativePath(folder, file), File.ReadAllBytes(file));
        }
        return vault;
    }

    /// Zips the vault the way "compress folder" does: every entry under one top folder.
    public string Zip()
    {
        var zip = Path.Combine(Path.GetDirectoryName(Root)!, Path.GetFileName(Root) + ".zip");
        ZipFile.CreateFromDirectory(Root, zip, CompressionLevel.Fastest, includeBaseDirectory: true);
        return zip;
    }

    public void Dispose() => Directory.Delete(Path.GetDirectoryName(Root)!, recursive: true);
}
