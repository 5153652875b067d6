namespace StudyHub.Web.Data;

/// Who may read the notes of members-only vaults: people with the member role (see Membership), a visitor holding a share link for that one note, and the app's own work (imports, commands) when it
/// asks for System by name. Without a request nothing members-only is readable.
public readonly record struct ReadAccess(bool Member, Guid? SharedNoteId)
{
    public const string SharedNoteKey = "StudyHub.SharedNoteId";
    public const string MemberKey = "StudyHub.Member";

    public static readonly ReadAccess None = new(false, null);

    /// Imports, admin commands and start-up work read every vault; they say so where they open a context.
    public static readonly ReadAccess System = new(true, null);

    public static ReadAccess Of(HttpContext? context) => context is null
        ? None
        : new(context.Items[MemberKey] is true, context.Items[SharedNoteKey] as Guid?);

    /// The same rule as StudyHubDbContext.ReadableVaults, for a vault held outside a query.
    public bool MayReadVault(bool membersOnly) => !membersOnly || Member;

    /// The same rule as the notes' query filter "readable" in StudyHubDbContext, for notes held outside a query.
    public bool MayRead(bool membersOnly, Guid noteId) => MayReadVault(membersOnly) || noteId == SharedNoteId;

    /// What search and its filters, the switcher, the tag counts and the graph offer: a share link opens its one note but
    /// does not make it findable. Raw SQL reads notes so, through studyhub_readable_notes(Member) (see the migration
    /// OneReadRuleForRawSql), so only Member is passed to it.
    public ReadAccess Listing => this with { SharedNoteId = null };
}
