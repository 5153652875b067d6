using Microsoft.EntityFrameworkCore;
using StudyHub.Web.Data;
using StudyHub.Web.Features.Notes;

namespace StudyHub.Web.Features.Import;

/// What an incremental import asks of the links and times stored for a vault (ImportPlan.LinkChangesAsync): a few
/// notes' worth each time, never the whole vault's.
public interface IStoredLinks
{
    /// The links these notes have as stored.
    Task<ILookup<Guid, NoteLink>> OfAsync(IReadOnlyCollection<Guid> notes);

    /// The stored links that lead to these notes or files; only the embeds when asked.
    Task<List<NoteLink>> IntoAsync(IReadOnlyCollection<Guid> notes, IReadOnlyCollection<string> attachments, bool embedsOnly);

    /// At least every stored link whose target, as written, names one of these (ignoring case), and maybe others.
    Task<List<NoteLink>> NamingAsync(IReadOnlyCollection<string> names);

    /// The times these notes have as stored.
    Task<ILookup<Guid, NoteTimestamp>> TimesOfAsync(IReadOnlyCollection<Guid> notes);
}

/// The stored links of one vault's notes, deleted ones included, read as the import's transaction sees them.
public sealed class VaultStoredLinks(StudyHubDbContext db, Guid vaultId, CancellationToken cancellationToken) : IStoredLinks
{
    IQueryable<NoteLink> Links => db.NoteLinks.AsNoTracking()
        .Where(l => db.Notes.IgnoreQueryFilters().Where(n => n.VaultId == vaultId).Select(n => n.Id).Contains(l.NoteId));

    public async Task<ILookup<Guid, NoteLink>> OfAsync(IReadOnlyCollection<Guid> notes) =>
        notes.Count == 0 ? Empty<NoteLink>() : (await Links.Where(l => notes.Contains(l.NoteId)).ToListAsync(cancellationToken)).ToLookup(l => l.NoteId);

    public async Task<List<NoteLink>> IntoAsync(IReadOnlyCollection<Guid> notes, IReadOnlyCollection<string> attachments, bool embedsOnly)
    {
        var into = new List<NoteLink>();
        if (notes.Count > 0)
        {
            into.AddRange(await Links.Where(l => l.TargetNoteId != null && notes.Contains(l.TargetNoteId.Value) && (l.IsEmbed || !embedsOnly))
                .ToListAsync(cancellationToken));
        }
        if (attachments.Count > 0)
        {
            into.AddRange(await Links.Where(l => l.TargetAttachmentPath != null && attachments.Contains(l.TargetAttachmentPath) && (l.IsEmbed || !embedsOnly))
                .ToListAsync(cancellationToken));
        }
        return into;
    }

    public async Task<List<NoteLink>> NamingAsync(IReadOnlyCollection<string> names)
    {
        if (names.Count == 0)
        {
            return [];
        }
        var patterns = names.Select(name => "%" + name.Replace(@"\", @"\\").Replace("%", @"\%").Replace("_", @"\_") + "%").ToList();
        return await Links.Where(l => patterns.Any(p => EF.Functions.ILike(l.TargetText, p))).ToListAsync(cancellationToken);
    }

    public async Task<ILookup<Guid, NoteTimestamp>> TimesOfAsync(IReadOnlyCollection<Guid> notes) =>
        notes.Count == 0 ? Empty<NoteTimestamp>()
        : (await db.NoteTimestamps.AsNoTracking().Where(t => notes.Contains(t.NoteId)).ToListAsync(cancellationToken)).ToLookup(t => t.NoteId);

    /// How many links the vault's notes have now.
    public Task<int> CountAsync() => Links.CountAsync(cancellationToken);

    static ILookup<Guid, T> Empty<T>() => Array.Empty<T>().ToLookup(_ => Guid.Empty);
}
