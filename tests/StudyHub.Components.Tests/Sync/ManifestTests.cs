using StudyHub.Web.Features.Import;
using StudyHub.Web.Features.Sync;

namespace StudyHub.Components.Tests.Sync;

public sealed class ManifestTests : IDisposable
{
    readonly string _folder = Directory.CreateTempSubdirectory("studyhub-manifest-").FullName;

    [Fact]
    public void AFileWhoseSizeAndTimeAreAsRecordedIsNotRead()
    {
        Write("A.md", "# A");
        var recorded = Record(Compare(new Dictionary<string, ManifestEntry>()).Added);
        // Other bytes of the same length, with the time put back: taken as unchanged, since it is not read.
        var time = File.GetLastWriteTimeUtc(Path.Combine(_folder, "A.md"));
        Write("A.md", "# B");
        File.SetLastWriteTimeUtc(Path.Combine(_folder, "A.md"), time);

        var difference = Compare(recorded);

        Assert.False(difference.Any);
    }

    [Fact]
    public void AddedChangedTouchedAndRemovedFilesAreToldApart()
    {
        Write("Kept.md", "kept").Write("Edited.md", "before").Write("Touched.md", "same").Write("Gone.md", "gone");
        var recorded = Record(Compare(new Dictionary<string, ManifestEntry>()).Added);
        Write("Edited.md", "after, longer").Write("New/Added.md", "new");
        File.SetLastWriteTimeUtc(Path.Combine(_folder, "Touched.md"), DateTime.UtcNow.AddHours(1));
        File.Delete(Path.Combine(_folder, "Gone.md"));

        var difference = Compare(recorded);

        Assert.Equal(["New/Added.md"], difference.Added.Select(f => f.Path));
        Assert.Equal(["Edited.md"], difference.Changed.Select(f => f.Path));
        Assert.Equal(["Touched.md"], difference.Touched.Select(f => f.Path));
        Assert.Equal(["Gone.md"], difference.Removed);
        Assert.True(difference.ContentChanged);
    }

    [Fact]
    public void WhatTheImportLeavesOutIsNotPartOfTheManifest()
    {
        Write("A.md", "a").Write(".obsidian/workspace.json", "{}").Write(".git/HEAD", "ref").Write("Folder/.hidden.md", "x");

        var difference = Compare(new Dictionary<string, ManifestEntry>());

        Assert.Equal(["A.md"], difference.Added.Select(f => f.Path));
    }

    ManifestTests Write(string path, string content)
    {
        var full = Path.Combine(_folder, path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllText(full, content);
        return this;
    }

    ManifestDifference Compare(Dictionary<string, ManifestEntry> recorded)
    {
        using var files = VaultSource.OpenFolder(_folder, new ImportLimits());
        return Manifest.Compare(files, recorded);
    }

    static Dictionary<string, ManifestEntry> Record(IEnumerable<ScannedFile> files) =>
        files.ToDictionary(f => f.Path, f => new ManifestEntry { Path = f.Path, Size = f.Size, ModifiedTicks = f.ModifiedTicks, Hash = f.Hash });

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
