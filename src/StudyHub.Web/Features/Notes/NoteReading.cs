using System.Text.Json;
using StudyHub.Markdown;

namespace StudyHub.Web.Features.Notes;

public sealed record Backlink(string Title, string Address, string Sentence);

public sealed record OutgoingLink(string Text, string Href, bool Exists);

/// A time the note writes, marked on the timeline of the recording it seeks (Recording, 0 the first; readings stored
/// before it was kept hold the first recording's times only).
public sealed record ReadingMarker(int Seconds, string Label, int Recording = 0);

/// What the note page shows around a note's text, derived from the whole vault at import and stored with the
/// note as its HTML is, so that reading a note is one query. TextBeforeHtml counts the characters of the title heading
/// the HTML starts after (RenderedNote.TitleHeading), which annotations' places in the note's text include.
public sealed record NoteReading(
    IReadOnlyList<OutlineHeading> Toc,
    IReadOnlyList<Backlink> Backlinks,
    IReadOnlyList<OutgoingLink> Outgoing,
    IReadOnlyList<ReadingMarker> Markers,
    string Description,
    int TextBeforeHtml)
{
    public static readonly NoteReading Empty = new([], [], [], [], "", 0);

    public string ToJson() => JsonSerializer.Serialize(this);

    public static NoteReading FromJson(string json) =>
        json is "" or "{}" ? Empty : JsonSerializer.Deserialize<NoteReading>(json) ?? Empty;
}
