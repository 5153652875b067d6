using StudyHub.Web.Features.Transcripts;

namespace StudyHub.Web.Features.Annotations;

/// Annotations follow their passage when a note's text changes: found again exactly, found by the text
/// around it (moved), or kept as orphans with their quote. An import never removes one.
public static class Reanchoring
{
    /// A re-timed or corrected transcript moves a cue by seconds; words said much further away are another moment.
    public const int CueNearSeconds = 5 * 60;

    /// <paramref name="textOf"/> is the new plain text of each note whose text changed, by note id. Annotations on what
    /// was said are not in the note's text, so its edits leave them where they are.
    public static void Follow(IEnumerable<Annotation> annotations, IReadOnlyDictionary<Guid, string> textOf)
    {
        foreach (var annotation in annotations.Where(a => !a.OnCue))
        {
            var match = Anchoring.Locate(textOf[annotation.NoteId], annotation.Anchor);
            annotation.Status = match.Status;
            if (match.Status != AnchorStatus.Orphaned)
            {
                (annotation.Start, annotation.Length) = (match.Start, match.Length);
            }
        }
    }

    /// Annotations on what was said follow their cue when a transcript changes: a cue of the same recording that still
    /// says the quote (exactly, or with the few edits Anchoring allows), the nearest to the old moment within
    /// CueNearSeconds; else an orphan. As for passages, the quote stays as it was made. <paramref name="cues"/> are all
    /// the notes' cues now.
    public static void FollowCues(IEnumerable<Annotation> annotations, IEnumerable<TranscriptCue> cues)
    {
        var said = cues.ToLookup(c => (c.NoteId, c.MediaIndex));
        foreach (var annotation in annotations.Where(a => a.OnCue))
        {
            var was = annotation.MediaSeconds ?? 0;
            var quote = new TextAnchor(annotation.Quote, "", "", 0);
            var found = said[(annotation.NoteId, annotation.CueRecording!.Value)]
                .Where(c => Math.Abs(c.Start / 1000 - was) <= CueNearSeconds)
                .Select(c => (Cue: c, Match: Anchoring.Locate(c.Text, quote)))
                .Where(c => c.Match.Status != AnchorStatus.Orphaned)
                .OrderBy(c => c.Cue.Text == annotation.Quote ? 0 : 1).ThenBy(c => Math.Abs(c.Cue.Start / 1000 - was)).ThenBy(c => c.Cue.Start)
                .Select(c => c.Cue).FirstOrDefault();
            if (found is null)
            {
                annotation.Status = AnchorStatus.Orphaned;
                continue;
            }
            annotation.Status = found.Text == annotation.Quote && found.Start / 1000 == was ? AnchorStatus.Anchored : AnchorStatus.Moved;
            annotation.MediaSeconds = found.Start / 1000;
        }
    }
}
