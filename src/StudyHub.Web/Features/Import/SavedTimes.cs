namespace StudyHub.Web.Features.Import;

/// The import's step that takes, for each note it dates (new, edited or moved), when the file was last saved, as the
/// folder or zip says, to the second; finer differences tell how fast a program wrote the files, not when an author
/// saved them. A source that says nothing leaves the import's own time, and so does a vault whose notes were all
/// written within a minute: a fresh git clone, copy or download, whose times say when it was made.
public static class SavedTimes
{
    static readonly TimeSpan AtOnce = TimeSpan.FromMinutes(1);

    public static void Take(IEnumerable<PlannedNote> notes, VaultFiles files, DateTimeOffset importedAt)
    {
        var times = files.Entries.Where(f => SourceNotes.IsNote(f.Path)).Select(f => f.SavedAt).OfType<DateTimeOffset>().ToList();
        var meaningful = times.Count > 0 && times.Max() - times.Min() >= AtOnce;
        foreach (var planned in notes.Where(p => p.IsNew || p.IsEdited || p.Entity.UpdatedAt == importedAt))
        {
            var savedAt = meaningful && files.SavedAt(planned.Source.Path) is { } saved
                ? new DateTimeOffset(saved.UtcTicks - saved.UtcTicks % TimeSpan.TicksPerSecond, TimeSpan.Zero)
                : importedAt;
            if (planned.Entity.SavedAt != savedAt)
            {
                planned.Entity.SavedAt = savedAt;
            }
        }
    }
}
