using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using StudyHub.Web.Data;
using StudyHub.Web.Features.Notes;

namespace StudyHub.Web.Features.Import;

/// The stored values of the notes an incremental import loads untracked, with what matching, addressing and linking them
/// needs alone. Entity Framework would take a snapshot of every note of the vault and compare each with it, which cost a
/// one-note sync several seconds at 100,000 notes; the import hands it only the notes whose values it changed, with these
/// as their original values, and it writes what changed. The notes the import may change are read in full first (ReadRestAsync).
sealed class NotesAsStored
{
    /// What loading notes by name leaves out, read for a note before the import may change it. The texts and the front
    /// matter are kept out of the notes' rows, in the TOAST table, a lookup each: a second and more at 100,000 notes
    /// (docs/benchmarks.md, "Notes' names kept in their rows").
    static readonly string[] Rest =
    [
        nameof(Note.Markdown), nameof(Note.Html), nameof(Note.PlainText), nameof(Note.HeadingsText), nameof(Note.Prose), nameof(Note.Reading),
        nameof(Note.FrontMatter), nameof(Note.Tags), nameof(Note.Kind), nameof(Note.Media), nameof(Note.CreatedAt), nameof(Note.UpdatedAt), nameof(Note.SavedAt),
    ];

    readonly IProperty[] _properties;
    readonly Dictionary<Guid, object?[]> _values;
    readonly HashSet<Guid> _readInFull = [];

    /// A vault's notes by name: their identity, file, names, addresses and place, and none of the Rest.
    public static Task<List<Note>> LoadAsync(IQueryable<Note> notes, CancellationToken cancellationToken) => notes.Select(n => new Note
    {
        Id = n.Id, VaultId = n.VaultId, Path = n.Path, Title = n.Title, Slug = n.Slug, Address = n.Address, Aliases = n.Aliases,
        CoursePosition = n.CoursePosition, ContentHash = n.ContentHash, DeletedAt = n.DeletedAt, Markdown = "",
    }).ToListAsync(cancellationToken);

    public NotesAsStored(StudyHubDbContext db, IEnumerable<Note> notes)
    {
        _properties = [.. db.Model.FindEntityType(typeof(Note))!.GetProperties().Where(p => !p.IsShadowProperty())];
        _values = notes.ToDictionary(n => n.Id, Snapshot);
    }

    /// Gives notes loaded by name the Rest of their stored values, as if loaded with them: unchanged until the import
    /// changes them. A note read already is left as the import has it.
    public async Task ReadRestAsync(StudyHubDbContext db, IEnumerable<Note> notes, CancellationToken cancellationToken)
    {
        var unread = notes.Where(n => _readInFull.Add(n.Id)).ToList();
        var ids = unread.Select(n => n.Id).ToList();
        var rest = await db.Notes.IgnoreQueryFilters([NoteFilters.NotDeleted]).Where(n => ids.Contains(n.Id))
            .Select(n => new
            {
                n.Id, n.Markdown, n.Html, n.PlainText, n.HeadingsText, n.Prose, n.Reading, n.FrontMatter, n.Tags, n.Kind, n.Media,
                n.CreatedAt, n.UpdatedAt, n.SavedAt,
            })
            .ToDictionaryAsync(n => n.Id, cancellationToken);
        foreach (var note in unread)
        {
            var stored = rest[note.Id];
            (note.Markdown, note.Html, note.PlainText, note.HeadingsText, note.Prose, note.Reading) =
                (stored.Markdown, stored.Html, stored.PlainText, stored.HeadingsText, stored.Prose, stored.Reading);
            (note.FrontMatter, note.Tags, note.Kind, note.Media) = (stored.FrontMatter, stored.Tags, stored.Kind, stored.Media);
            (note.CreatedAt, note.UpdatedAt, note.SavedAt) = (stored.CreatedAt, stored.UpdatedAt, stored.SavedAt);
            var values = _values[note.Id];
            for (var i = 0; i < _properties.Length; i++)
            {
                if (Rest.Contains(_properties[i].Name))
                {
                    values[i] = _properties[i].GetValueComparer().Snapshot(_properties[i].GetGetter().GetClrValue(note));
                }
            }
        }
    }

    /// Attaches each of <paramref name="notes"/> whose values are no longer those stored, with those as its original
    /// values, so that the next detection of changes finds them modified. Notes the import adds are not among the stored.
    public void AttachChanged(StudyHubDbContext db, IEnumerable<Note> notes)
    {
        foreach (var note in notes)
        {
            if (!_values.TryGetValue(note.Id, out var stored) || Enumerable.Range(0, _properties.Length).All(i => Same(i, stored[i], note)))
            {
                continue;
            }
            var entry = db.Attach(note);
            for (var i = 0; i < _properties.Length; i++)
            {
                entry.Property(_properties[i]).OriginalValue = stored[i];
            }
        }
    }

    bool Same(int property, object? stored, Note note) =>
        _properties[property].GetValueComparer().Equals(stored, _properties[property].GetGetter().GetClrValue(note));

    object?[] Snapshot(Note note) =>
        [.. _properties.Select(p => p.GetValueComparer().Snapshot(p.GetGetter().GetClrValue(note)))];
}
