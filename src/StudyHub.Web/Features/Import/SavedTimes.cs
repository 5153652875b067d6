namespace StudyHub.Web.Features.Import;

/// The import's step that takes, for each note it dates (new, edited or moved), when the file was last saved, as the
/// folder or zip says; a source that says nothing leaves the import's own time.
public static class SavedTimes
{
    public static void Take(IEnumerable<PlannedNote> notes, VaultFiles files, DateTimeOffset importedAt)
    {
        foreach (var planned in notes.Where(p => p.IsNew || p.IsEdited || p.Entity.UpdatedAt == importedAt))
        {
            var savedAt = files.SavedAt(planned.Source.Path) ?? importedAt;
            if (planned.Entity.SavedAt != savedAt)
            {
                planned.Entity.SavedAt = savedAt;
            }
        }
    }
}
