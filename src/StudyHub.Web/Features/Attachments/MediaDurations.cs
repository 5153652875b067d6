using StudyHub.Web.Features.Import;

namespace StudyHub.Web.Features.Attachments;

/// The import's step that reads the length of a vault's recordings (MediaDuration): those new or changed, and those
/// without one yet (stored before lengths were read, or unreadable last time, which the report then says again).
public static class MediaDurations
{
    public static void Read(IReadOnlyDictionary<string, Attachment> attachments, VaultFiles files, IEnumerable<SourceAttachment> changed, ImportReport report)
    {
        var changedPaths = changed.Select(f => f.Path).ToHashSet(StringComparer.Ordinal);
        var due = attachments.Values.Where(a => MediaDuration.IsReadable(a.Path) && (a.Duration is null || changedPaths.Contains(a.Path)));
        foreach (var recording in due.OrderBy(a => a.Path, StringComparer.Ordinal))
        {
            // REVIEW: the import holds each file whole anyway (to hash and store it), so its header is read from that copy;
            // MediaDuration itself only seeks and reads small pieces, as it would in a file on disk.
            using var file = new MemoryStream(files.Read(recording.Path), writable: false);
            var duration = MediaDuration.Of(file);
            recording.Duration = duration.Length;
            if (duration.Problem is { } problem)
            {
                report.Warnings.Add(new ImportWarning(recording.Path, null,
                    $"{problem} Its lecture shows the length its note's front matter gives, if any (duration: 1:18:00)."));
            }
        }
    }
}
