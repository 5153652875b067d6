namespace StudyHub.Web.Data;

/// The names of the notes' query filters (StudyHubDbContext). Every LINQ query for notes gets both; the few that must
/// see past one ask for that one by name with IgnoreQueryFilters([…]). Raw SQL reads notes through
/// studyhub_readable_notes, which applies both (see the migration OneReadRuleForRawSql).
public static class NoteFilters
{
    /// Leaves out the notes an import removed (Note.DeletedAt); the importer and vault deletion see them.
    public const string NotDeleted = "not deleted";

    /// Leaves out what the reader may not read (ReadAccess).
    public const string Readable = "readable";
}
