using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using StudyHub.Web.Data;
using StudyHub.Web.Features.Notes;

namespace StudyHub.Web.Features.Import;

/// The stored values of the notes an incremental import loads untracked. Entity Framework would take a snapshot of every
/// note of the vault and compare each with it, which cost a one-note sync several seconds at 100,000 notes; the import
/// hands it only the notes whose values it changed, with these as their original values, and it writes what changed.
sealed class NotesAsStored
{
    readonly IProperty[] _properties;
    readonly Dictionary<Guid, object?[]> _values;

    public NotesAsStored(StudyHubDbContext db, IEnumerable<Note> notes)
    {
        _properties = [.. db.Model.FindEntityType(typeof(Note))!.GetProperties().Where(p => !p.IsShadowProperty())];
        _values = notes.ToDictionary(n => n.Id, Snapshot);
    }

    /// Takes these of the note's values, read from the database after it was loaded (and maybe changed), as stored.
    public void Read(Note note, IReadOnlyCollection<string> properties)
    {
        var stored = _values[note.Id];
        for (var i = 0; i < _properties.Length; i++)
        {
            if (properties.Contains(_properties[i].Name))
            {
                stored[i] = _properties[i].GetValueComparer().Snapshot(_properties[i].GetGetter().GetClrValue(note));
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
