using System.Net;
using Microsoft.EntityFrameworkCore;
using StudyHub.Testing;
using StudyHub.Web.Features.Accounts;
using StudyHub.Web.Tests.Accounts;

namespace StudyHub.Web.Tests.Vaults;

public sealed class VaultDeletionTests(StudyHubApp app) : IClassFixture<StudyHubApp>
{
    static byte[] DiagramOf(string vault) => System.Text.Encoding.UTF8.GetBytes($"the diagram of {vault}");
    static readonly byte[] Shared = [.. Enumerable.Range(0, 512).Select(i => (byte)(i % 11))];

    /// A vault of two notes and two files, one of whose bytes another vault holds too, with an annotation and a reply on
    /// one note. Returns an admin's client.
    async Task<HttpClient> DiscussedVaultAsync(string name)
    {
        using var doomed = new TempVault(name)
            .Write("Doomed.md", $"# Doomed\n\nLate fusion combines just the scores.\n\n![[diagram.png]] ![[shared.png]]")
            .Write("Other.md", "# Other\n\nNothing here.")
            .Write("diagram.png", DiagramOf(name)).Write("shared.png", Shared);
        using var kept = new TempVault($"{name}-kept").Write("Kept.md", "# Kept\n\n![[shared.png]]").Write("shared.png", Shared);
        await app.ImportVaultAsync(doomed.Root);
        await app.ImportVaultAsync(kept.Root);
        var (member, admin) = ($"member-{Guid.NewGuid():N}@example.org", $"admin-{Guid.NewGuid():N}@example.org");
        await app.CreateUserAsync(member);
        await app.CreateUserAsync(admin, Roles.Admin);
        await using (var db = app.Database.CreateContext())
        {
            var slug = await db.Notes.Where(n => n.Vault.Name == name && n.Path == "Doomed.md").Select(n => n.Slug).SingleAsync();
            using var writer = await app.ClientAsync(member);
            var annotation = await AccountApp.AnnotateAsync(writer, note: slug);
            await AccountApp.ReplyAsync(writer, annotation);
        }
        return await app.ClientAsync(admin);
    }

    [Fact]
    public async Task TheConfirmationSaysWhatGoes()
    {
        using var admin = await DiscussedVaultAsync("counted");

        var page = await admin.GetStringAsync(new Uri("/admin/vaults/counted/delete", UriKind.Relative));

        Assert.Contains("Delete counted?", page, StringComparison.Ordinal);
        Assert.Contains("<li>2 notes</li>", page, StringComparison.Ordinal);
        Assert.Contains("<li>2 files (images, PDFs, recordings …)</li>", page, StringComparison.Ordinal);
        Assert.Contains("<li>1 annotation and 1 comment or reply readers wrote on its notes</li>", page, StringComparison.Ordinal);
        Assert.Contains("<li>1 past import and their reports</li>", page, StringComparison.Ordinal);
        Assert.Contains("href=\"/admin/vaults/counted/delete\"", await admin.GetStringAsync(new Uri("/admin/vaults", UriKind.Relative)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task DeletingTakesTheVaultItsFilesAndItsDiscussionAndLeavesTheOthers()
    {
        using var admin = await DiscussedVaultAsync("deleted");
        await using var db = app.Database.CreateContext();
        var note = await db.Notes.Where(n => n.Vault.Name == "deleted" && n.Path == "Doomed.md").Select(n => n.Id).SingleAsync();
        using var visitor = app.CreateClient();
        using var before = await visitor.GetAsync(new Uri("/notes/deleted/doomed", UriKind.Relative));

        using var deleted = await StudyHubApp.PostFormAsync(admin, "/admin/vaults/deleted/delete", "delete-vault", []);
        using var after = await visitor.GetAsync(new Uri("/notes/deleted/doomed", UriKind.Relative));
        using var kept = await visitor.GetAsync(new Uri("/notes/deleted-kept/kept", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        Assert.Contains("deleted is deleted.", await deleted.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, after.StatusCode);
        Assert.Equal(HttpStatusCode.OK, kept.StatusCode);
        Assert.False(await db.Vaults.AnyAsync(v => v.Name == "deleted"));
        Assert.False(await db.Annotations.AnyAsync(a => a.NoteId == note));
        Assert.False(await db.Comments.AnyAsync(c => c.NoteId == note));
        var hashes = await db.AttachmentContents.Select(c => c.ContentHash).ToListAsync();
        Assert.DoesNotContain(Hash(DiagramOf("deleted")), hashes);
        Assert.Contains(Hash(Shared), hashes);
    }

    [Theory]
    [InlineData(Roles.Editor)]
    [InlineData(Roles.Member)]
    public async Task OnlyAdminsDeleteVaults(string role)
    {
        using var vault = new TempVault("guarded").Write("Guarded.md", "# Guarded");
        await app.ImportVaultAsync(vault.Root);
        var email = $"{role}-{Guid.NewGuid():N}@example.org";
        await app.CreateUserAsync(email, role);
        using var client = await app.ClientAsync(email);

        using var page = await client.GetAsync(new Uri("/admin/vaults/guarded/delete", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.StartsWith("/account/denied", page.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        await using var db = app.Database.CreateContext();
        Assert.True(await db.Vaults.AnyAsync(v => v.Name == "guarded"));
    }

    static string Hash(byte[] bytes) => Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes));
}
