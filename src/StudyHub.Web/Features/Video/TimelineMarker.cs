namespace StudyHub.Web.Features.Video;

/// A time written in the note, marked on the timeline of the recording it seeks. Anchor is the id of its place in the note.
/// (Annotations made at a moment join the timeline in the browser, since who may see them depends on the reader.)
public sealed record TimelineMarker(int Seconds, string Label, string? Anchor = null);
