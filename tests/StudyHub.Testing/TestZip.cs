using System.IO.Compression;

namespace StudyHub.Testing;

/// A zip in the temp directory built entry by entry, hostile ones included; deleted on dispose.
public sealed class TestZip : IDisposable
{
    TestZip(string path) => Path = path;

    public string Path { get; }

    public static TestZip With(params (string Name, byte[] Content)[] entries)
    {
        var zip = new TestZip(System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"studyhub-{Guid.NewGuid():N}.zip"));
        using var archive = ZipFile.Open(zip.Path, ZipArchiveMode.Create);
        foreach (var (name, content) in entries)
        {
            using var stream = archive.CreateEntry(name, CompressionLevel.SmallestSize).Open();
            stream.Write(content);
        }
        return zip;
    }

    public void Dispose() => File.Delete(Path);
}
