namespace StudyHub.Web.Features.Annotations;

/// Annotations follow their passage when a note's text changes: found again exactly, found by the text
/// around it (moved), or kept as orphans with their quote. An import never removes one.
public static class Reanchoring
{
    /// <paramref name="textOf"/> is the new plain text of each note whose text changed, by note id.
    public static void Follow(IEnumerable<Annotation> annotations, IReadOnlyDictionary<Guid, string> textOf)
    {
        foreach (var annotation in annotations)
        {
            var match = Anchoring.Locate(textOf[annotation.NoteId], annotation.Anchor);
            annotation.Status = match.Status;
            if (match.Status != AnchorStatus.Orphaned)
            {
                (annotation.Start, annotation.Length) = (match.Start, match.Length);
            }
        }
    }
}
