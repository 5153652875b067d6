namespace StudyHub.Web.Features.Video;

public enum TimelineMarkerKind { Timestamp, Annotation }

/// A moment of the lecture marked on the timeline: a time written in the note, or (later) an annotation.
/// Anchor is the id of the place in the note the marker stands for.
public sealed record TimelineMarker(int Seconds, string Label, string? Anchor = null, TimelineMarkerKind Kind = TimelineMarkerKind.Timestamp);
