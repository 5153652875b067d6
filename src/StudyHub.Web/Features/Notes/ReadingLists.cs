using StudyHub.Markdown;
using StudyHub.Web.Features.Annotations;
using StudyHub.Web.Features.Concepts;

namespace StudyHub.Web.Features.Notes;

/// The lists around each note's text: linked mentions need every note's links, the rest the note's own.
public sealed class ReadingLists
{
    readonly Dictionary<Guid, OutgoingLink> _linksTo;
    readonly ILookup<Guid, Backlink> _backlinks;

    /// <paramref name="notes"/> are the vault's notes after the import, each with the links it writes.
    public ReadingLists(IReadOnlyList<(Note Note, IReadOnlyList<NoteLink> Links)> notes)
    {
        // Made once per note rather than once per link to it: a vault has many more links than notes.
        _linksTo = notes.ToDictionary(n => n.Note.Id, n => new OutgoingLink(n.Note.Title, NoteAddress.Href(n.Note.Address), Exists: true));
        _backlinks = notes
            .SelectMany(n => n.Links
                .Where(l => !l.IsAttachment && l.TargetNoteId is { } target && target != n.Note.Id)
                .Select(l => (Target: l.TargetNoteId!.Value, Backlink: new Backlink(n.Note.Title, n.Note.Address, l.Context))))
            .ToLookup(b => b.Target, b => b.Backlink);
    }

    public NoteReading Of(Note note, IReadOnlyList<NoteLink> links, IReadOnlyList<NoteTimestamp> times, RenderedNote rendered, string plainText) => new(
        rendered.Outline,
        [.. _backlinks[note.Id].OrderBy(b => b.Title, StringComparer.OrdinalIgnoreCase)],
        [.. links.Where(l => !l.IsAttachment && l.TargetText.Length > 0)
            .Select(l => l.TargetNoteId is { } id && _linksTo.TryGetValue(id, out var target)
                ? target
                : new OutgoingLink(l.TargetText, ConceptAddress.Href(l.TargetSlug), Exists: false))
            .DistinctBy(o => o.Href)
            .OrderBy(o => o.Text, StringComparer.OrdinalIgnoreCase)],
        [.. times.Where(t => t.MediaIndex == 0).Select(t => new ReadingMarker(t.Seconds, t.Context))],
        PlainText.Lead(plainText),
        rendered.TitleHeading is { } title ? Anchoring.CharactersOnPage(title.Text) : 0);
}
