using StudyHub.Testing;
using StudyHub.Web.Features.Import;

namespace StudyHub.Web.Tests.Import;

/// A process killed mid-import rolls its transaction back with it; the uploaded zip it held is removed at the next start.
public sealed class LeftoverUploadTests(StudyHubApp app) : IClassFixture<StudyHubApp>, IDisposable
{
    readonly string _folder = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), $"studyhub-leftovers-{Guid.NewGuid():N}")).FullName;

    [Fact]
    public void AnUploadNoProcessHoldsIsRemovedAndOneInUseStays()
    {
        var leftover = Write($"studyhub-upload-{Guid.NewGuid():N}.zip");
        var other = Write("notes.zip");
        var live = Path.Combine(_folder, $"studyhub-upload-{Guid.NewGuid():N}.zip");
        // As an upload being imported holds its file.
        using var held = new FileStream(live, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.Read);

        var removed = UploadedZip.RemoveLeftovers(_folder);

        Assert.Equal(1, removed);
        Assert.False(File.Exists(leftover));
        Assert.True(File.Exists(other));
        Assert.True(File.Exists(live));
    }

    [Fact]
    public async Task TheAppRemovesLeftoversWhenItStarts()
    {
        var leftover = Path.Combine(Path.GetTempPath(), $"studyhub-upload-{Guid.NewGuid():N}.zip");
        await File.WriteAllBytesAsync(leftover, [0x50, 0x4b, 0x05, 0x06]);

        await using (var restarted = app.AnotherInstance())
        {
            using var client = restarted.CreateClient();
        }

        Assert.False(File.Exists(leftover));
    }

    string Write(string name)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllBytes(path, [0x50, 0x4b, 0x05, 0x06]);
        return path;
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
