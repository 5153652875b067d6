using Microsoft.EntityFrameworkCore;
using StudyHub.Testing;

namespace StudyHub.Web.Tests.Attachments;

public sealed class ImageSizeImportTests(StudyHubApp app) : IClassFixture<StudyHubApp>
{
    [Fact]
    public async Task AnEmbeddedImageReservesItsPlaceWithTheSizeReadAtImport()
    {
        using var vault = new TempVault("pictures")
            .Write("Lecture.md", "![[diagram.png]]\n\n![[diagram.png|150]]")
            .Write("img/diagram.png", TestImages.Png(300, 120));

        await app.ImportVaultAsync(vault.Root);

        await using var db = app.Database.CreateContext();
        var vaultId = await db.Vaults.Where(v => v.Name == "pictures").Select(v => v.Id).SingleAsync();
        var attachment = await db.Attachments.SingleAsync(a => a.VaultId == vaultId);
        Assert.Equal((300, 120), (attachment.Width, attachment.Height));
        var html = await db.Notes.Where(n => n.Vault.Name == "pictures").Select(n => n.Html).SingleAsync();
        Assert.Contains("""alt="diagram.png" width="300" height="120" loading="lazy" """, html, StringComparison.Ordinal);
        Assert.Contains("""alt="diagram.png" width="150" height="60" loading="lazy" """, html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AChangedImageIsMeasuredAgainAndABrokenOneHasNoSize()
    {
        using var vault = new TempVault("redrawn")
            .Write("Lecture.md", "![[chart.png]] ![[broken.png]]")
            .Write("chart.png", TestImages.Png(40, 30))
            .Write("broken.png", "not a picture"u8.ToArray());
        await app.ImportVaultAsync(vault.Root);
        vault.Write("chart.png", TestImages.Png(80, 20));

        await app.ImportVaultAsync(vault.Root);

        await using var db = app.Database.CreateContext();
        var vaultId = await db.Vaults.Where(v => v.Name == "redrawn").Select(v => v.Id).SingleAsync();
        var sizes = await db.Attachments.Where(a => a.VaultId == vaultId).OrderBy(a => a.Path)
            .Select(a => new { a.Path, a.Width, a.Height }).ToListAsync();
        Assert.Equal([new { Path = "broken.png", Width = (int?)null, Height = (int?)null }, new { Path = "chart.png", Width = (int?)80, Height = (int?)20 }], sizes);
        var html = await db.Notes.Where(n => n.Vault.Name == "redrawn").Select(n => n.Html).SingleAsync();
        Assert.Contains("""alt="chart.png" width="80" height="20" """, html, StringComparison.Ordinal);
        Assert.Contains("""alt="broken.png" loading="lazy" """, html, StringComparison.Ordinal);
    }
}
