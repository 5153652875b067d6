namespace StudyHub.Web.Data;

/// Who may read the notes of members-only vaults: anyone signed in, the app's own work outside a request
/// (imports, commands, background jobs), and a visitor holding a share link, for that one note.
public readonly record struct ReadAccess(bool Member, Guid? SharedNoteId)
{
    public const string SharedNoteKey = "StudyHub.SharedNoteId";

    public static ReadAccess Of(HttpContext? context) => context is null
        ? new(true, null)
        : new(context.User.Identity?.IsAuthenticated == true, context.Items[SharedNoteKey] as Guid?);

    /// The same rule as the notes' query filter in StudyHubDbContext, for notes held outside a query.
    public bool MayRead(bool membersOnly, Guid noteId) => !membersOnly || Member || noteId == SharedNoteId;
}
