using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using StudyHub.Web.Data;
using StudyHub.Web.Features.Notes;
using StudyHub.Web.Features.Vaults;

namespace StudyHub.Web.Features.Import;

public sealed record ImportReport(string Vault, int New, int Changed, int Unchanged, int Removed)
{
    public override string ToString() =>
        $"Vault \"{Vault}\": {New} new, {Changed} changed, {Unchanged} unchanged, {Removed} removed";
}

/// Loads the markdown files of a vault folder into the database in one transaction.
public sealed class VaultImporter(IDbContextFactory<StudyHubDbContext> contexts, TimeProvider clock)
{
    public async Task<ImportReport> ImportFolderAsync(string folder, string? vaultName, CancellationToken cancellationToken)
    {
        if (!Directory.Exists(folder))
        {
            throw new DirectoryNotFoundException($"No vault folder at {Path.GetFullPath(folder)}");
        }
        var name = string.IsNullOrWhiteSpace(vaultName) ? new DirectoryInfo(folder).Name : vaultName.Trim();
        var files = Directory.EnumerateFiles(folder, "*.md", SearchOption.AllDirectories)
            .Select(file => (Path: Path.GetRelativePath(folder, file).Replace('\\', '/'), Full: file))
            .Where(file => !file.Path.Split('/').Any(part => part.StartsWith('.')))
            .OrderBy(file => file.Path, StringComparer.Ordinal)
            .ToList();

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var now = clock.GetUtcNow();
        var vault = await db.Vaults.SingleOrDefaultAsync(v => v.Name == name, cancellationToken);
        if (vault is null)
        {
            vault = new Vault { Name = name, Slug = Slug.From(name), CreatedAt = now };
            db.Vaults.Add(vault);
        }
        vault.LastImportedAt = now;

        var existing = await db.Notes.Where(n => n.VaultId == vault.Id).ToDictionaryAsync(n => n.Path, cancellationToken);
        var takenSlugs = await db.Notes.Select(n => n.Slug).ToHashSetAsync(cancellationToken);
        int added = 0, changed = 0, unchanged = 0;
        foreach (var (path, full) in files)
        {
            var bytes = await File.ReadAllBytesAsync(full, cancellationToken);
            var hash = Convert.ToHexString(SHA256.HashData(bytes)).ToLowerInvariant();
            var markdown = Encoding.UTF8.GetString(bytes);
            if (existing.Remove(path, out var note))
            {
                if (note.ContentHash == hash)
                {
                    unchanged++;
                    continue;
                }
                changed++;
            }
            else
            {
                added++;
                var title = NoteTitle.Of(markdown, path);
                note = new Note
                {
                    VaultId = vault.Id, Path = path, Title = title, Slug = UniqueSlug(title, takenSlugs),
                    Markdown = markdown, ContentHash = hash, CreatedAt = now,
                };
                db.Notes.Add(note);
            }
            note.Title = NoteTitle.Of(markdown, path);
            note.Markdown = markdown;
            note.ContentHash = hash;
            note.UpdatedAt = now;
        }
        db.Notes.RemoveRange(existing.Values);

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new ImportReport(name, added, changed, unchanged, existing.Count);
    }

    static string UniqueSlug(string title, HashSet<string> taken)
    {
        var slug = Slug.From(title);
        var candidate = slug;
        for (var n = 2; !taken.Add(candidate); n++)
        {
            candidate = $"{slug}-{n}";
        }
        return candidate;
    }
}
