namespace StudyHub.Web.Features.Video;

public enum TimelineMarkerKind { Timestamp, Annotation }

/// A moment of the lecture marked on the timeline: a time written in the note, or an annotation (which
/// js/annotations.js adds on the page, since who may see it depends on the reader).
/// Anchor is the id of the place in the note the marker stands for.
public sealed record TimelineMarker(int Seconds, string Label, string? Anchor = null, TimelineMarkerKind Kind = TimelineMarkerKind.Timestamp);
