using StudyHub.Markdown;
using StudyHub.Web.Features.Annotations;
using StudyHub.Web.Features.Concepts;

namespace StudyHub.Web.Features.Notes;

/// The lists around each note's text: linked mentions need every note's links, the rest the note's own.
public sealed class ReadingLists
{
    readonly Dictionary<Guid, OutgoingLink> _linksTo;
    readonly Dictionary<Guid, List<Backlink>> _backlinks = [];

    /// <paramref name="notes"/> are the vault's notes after the import; each note's links are added before any list is made.
    public ReadingLists(IEnumerable<Note> notes)
    {
        // Made once per note rather than once per link to it: a vault has many more links than notes.
        _linksTo = notes.ToDictionary(n => n.Id, n => new OutgoingLink(n.Title, NoteAddress.Href(n.Address), Exists: true));
    }

    /// Keeps of <paramref name="note"/>'s links only what the notes they lead to list; the same sentence is kept once.
    public void Add(Note note, IEnumerable<NoteLink> links)
    {
        var sentences = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var link in links.Where(l => !l.IsAttachment && l.TargetNoteId is { } target && target != note.Id))
        {
            var context = sentences.TryAdd(link.Context, link.Context) ? link.Context : sentences[link.Context];
            if (!_backlinks.TryGetValue(link.TargetNoteId!.Value, out var backlinks))
            {
                _backlinks[link.TargetNoteId.Value] = backlinks = [];
            }
            backlinks.Add(new Backlink(note.Title, note.Address, context));
        }
    }

    public NoteReading Of(Note note, IReadOnlyList<NoteLink> links, IReadOnlyList<NoteTimestamp> times, RenderedNote rendered, string plainText) => new(
        rendered.Outline,
        [.. _backlinks.GetValueOrDefault(note.Id, []).OrderBy(b => b.Title, StringComparer.OrdinalIgnoreCase)],
        [.. links.Where(l => !l.IsAttachment && l.TargetText.Length > 0)
            .Select(l => l.TargetNoteId is { } id && _linksTo.TryGetValue(id, out var target)
                ? target
                : new OutgoingLink(l.TargetText, ConceptAddress.Href(l.TargetSlug), Exists: false))
            .DistinctBy(o => o.Href)
            .OrderBy(o => o.Text, StringComparer.OrdinalIgnoreCase)],
        [.. times.Where(t => t.MediaIndex is not null).Select(t => new ReadingMarker(t.Seconds, t.Context, t.MediaIndex!.Value))],
        PlainText.Lead(plainText),
        rendered.TitleHeading is { } title ? Anchoring.CharactersOnPage(title.Text) : 0);
}
