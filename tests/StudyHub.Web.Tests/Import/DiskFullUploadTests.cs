using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using StudyHub.Testing;
using StudyHub.Web.Features.Accounts;

namespace StudyHub.Web.Tests.Import;

/// An upload that fills the disk: the app's writes to a real, full file system fail (a 1 MB tmpfs as the uploads'
/// folder), the uploader is told, the partial zip goes, and nothing is imported.
public sealed class DiskFullUploadTests(DiskFullUploadTests.SmallDiskApp app) : IClassFixture<DiskFullUploadTests.SmallDiskApp>
{
    public sealed class SmallDiskApp : StudyHubApp
    {
        public string Folder { get; } = Path.Combine(Path.GetTempPath(), $"studyhub-small-disk-{Guid.NewGuid():N}");

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Import:Uploads:Folder", Folder);
        }

        public override async Task InitializeAsync()
        {
            Directory.CreateDirectory(Folder);
            if (await RunAsync("mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", Folder) is { Length: > 0 } failure)
            {
                throw new InvalidOperationException($"This test fills a 1 MB tmpfs, and mounting one failed ({failure.Trim()}). "
                    + "Run the tests as root, or in a container with CAP_SYS_ADMIN.");
            }
            await base.InitializeAsync();
            await CreateUserAsync("editor@example.org", Roles.Editor);
        }

        public override async ValueTask DisposeAsync()
        {
            await base.DisposeAsync();
            await RunAsync("umount", Folder);
            Directory.Delete(Folder);
        }

        /// The command's error output, "" when it succeeded.
        static async Task<string> RunAsync(string command, params string[] arguments)
        {
            try
            {
                using var process = Process.Start(new ProcessStartInfo(command, arguments) { RedirectStandardError = true })!;
                var error = await process.StandardError.ReadToEndAsync();
                await process.WaitForExitAsync();
                return process.ExitCode == 0 ? "" : $"exit code {process.ExitCode}: {error}";
            }
            catch (System.ComponentModel.Win32Exception missing)
            {
                return missing.Message;
            }
        }
    }

    [Fact]
    public async Task AnUploadLargerThanTheRoomLeftIsRefusedWithItsPartialZipRemovedAndNothingImported()
    {
        using var client = await app.ClientAsync("editor@example.org");
        var picture = new byte[3 * 1024 * 1024];
        new Random(18).NextBytes(picture);
        using var large = TestZip.With(("Lecture.md", "# Lecture\n\n![[board.png]]"u8.ToArray()), ("board.png", picture));
        using var small = TestZip.With(("Lecture.md", "# Lecture\n\nShort."u8.ToArray()));
        await using var db = app.Database.CreateContext();

        using var refused = await VaultUpload.PostAsync(client, new ByteArrayContent(await File.ReadAllBytesAsync(large.Path)), newVault: "full");
        var problem = JsonDocument.Parse(await refused.Content.ReadAsStringAsync()).RootElement;
        var leftInTheFolder = Directory.GetFiles(app.Folder);
        var run = await db.ImportRuns.AsNoTracking().OrderByDescending(r => r.StartedAt).FirstAsync();
        var vaultCreated = await db.Vaults.AnyAsync(v => v.Name == "full");
        using var afterwards = await VaultUpload.PostAsync(client, new ByteArrayContent(await File.ReadAllBytesAsync(small.Path)), newVault: "fits");

        Assert.Equal(HttpStatusCode.InsufficientStorage, refused.StatusCode);
        Assert.StartsWith("The server has no room to receive the zip right now; nothing was imported.", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Empty(leftInTheFolder);
        Assert.False(vaultCreated);
        Assert.Equal($"/admin/imports/{run.Id}", problem.GetProperty("report").GetString());
        Assert.Equal(HttpStatusCode.Created, afterwards.StatusCode);
    }
}
