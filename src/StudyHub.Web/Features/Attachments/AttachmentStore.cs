using Microsoft.EntityFrameworkCore;
using StudyHub.Web.Data;

namespace StudyHub.Web.Features.Attachments;

/// Where attachment bytes live, keyed by their SHA-256: PostgreSQL by default, or a folder
/// (Attachments:Folder) for vaults with large media.
public interface IAttachmentStore
{
    /// Stores the bytes unless the hash is already there. Database writes join the caller's transaction.
    Task SaveAsync(StudyHubDbContext db, string hash, byte[] bytes, CancellationToken cancellationToken);

    Task<Stream?> OpenAsync(string hash, CancellationToken cancellationToken);
}

sealed class DatabaseAttachmentStore(IDbContextFactory<StudyHubDbContext> contexts) : IAttachmentStore
{
    public async Task SaveAsync(StudyHubDbContext db, string hash, byte[] bytes, CancellationToken cancellationToken)
    {
        var stored = db.ChangeTracker.Entries<AttachmentContent>().Any(e => e.Entity.ContentHash == hash)
            || await db.AttachmentContents.AnyAsync(c => c.ContentHash == hash, cancellationToken);
        if (!stored)
        {
            db.AttachmentContents.Add(new AttachmentContent { ContentHash = hash, Bytes = bytes });
        }
    }

    /// Asks only for the length; the bytes are read as the response needs them (DatabaseAttachmentStream).
    public async Task<Stream?> OpenAsync(string hash, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        // length() of a stored bytea reads its header, not its bytes.
        var length = await db.AttachmentContents.Where(c => c.ContentHash == hash).Select(c => (long?)c.Bytes.Length).SingleOrDefaultAsync(cancellationToken);
        return length is { } known ? new DatabaseAttachmentStream(contexts, hash, known) : null;
    }
}

sealed class FolderAttachmentStore(string folder) : IAttachmentStore
{
    public async Task SaveAsync(StudyHubDbContext db, string hash, byte[] bytes, CancellationToken cancellationToken)
    {
        var path = PathOf(hash);
        if (File.Exists(path))
        {
            return;
        }
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        // Written aside and moved, so a reader never sees half a file; a file left by a rolled-back
        // import is harmless because its name is its content.
        var temporary = $"{path}.{Guid.NewGuid():N}.tmp";
        await File.WriteAllBytesAsync(temporary, bytes, cancellationToken);
        File.Move(temporary, path, overwrite: true);
    }

    public Task<Stream?> OpenAsync(string hash, CancellationToken cancellationToken)
    {
        var path = PathOf(hash);
        return Task.FromResult<Stream?>(File.Exists(path) ? File.OpenRead(path) : null);
    }

    string PathOf(string hash) => Path.Combine(folder, hash[..2], hash);
}
