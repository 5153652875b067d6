using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using StudyHub.Web.Data;
using StudyHub.Web.Features.Accounts;
using StudyHub.Web.Features.Notes;

namespace StudyHub.Web.Features.Annotations;

/// Who is asking, as the discussion rules see them. Every rule about who sees or changes an annotation or a
/// comment lives here, and is applied on the server to every request.
public sealed record Reader(string? Id, bool Member, bool Moderates)
{
    public static readonly Reader Nobody = new(null, false, false);

    /// Member as Membership read it for this request, so an account without the role (or whose role was taken away)
    /// is not one, whatever its cookie says.
    public static Reader Of(HttpContext http) => http.User.Identity?.IsAuthenticated == true
        ? new Reader(http.User.FindFirstValue(ClaimTypes.NameIdentifier), ReadAccess.Of(http).Member,
            http.User.IsInRole(Roles.Editor) || http.User.IsInRole(Roles.Admin))
        : Nobody;

    /// The reader of a live panel, whose sign-in outlives any request: the roles are read from the database each time
    /// (as Membership does per request), so a role taken away stops what it allowed at the reader's next action.
    public static async Task<Reader> OfAsync(ClaimsPrincipal user, StudyHubDbContext db, CancellationToken cancellationToken)
    {
        if (user.FindFirstValue(ClaimTypes.NameIdentifier) is not { } id)
        {
            return Nobody;
        }
        // Role ids are the role names (see RoleConfiguration).
        var roles = await db.UserRoles.Where(r => r.UserId == id).Select(r => r.RoleId).ToListAsync(cancellationToken);
        return new Reader(id, roles.Any(Membership.MemberRoles.Contains), roles.Contains(Roles.Editor) || roles.Contains(Roles.Admin));
    }

    public bool SignedIn => Id is not null;

    /// Only authors change what they wrote.
    public bool MayEdit(string authorId) => authorId == Id;

    /// Authors delete their own; editors and admins delete or hide anything they can see.
    public bool MayDelete(string authorId) => authorId == Id || Moderates;

    public bool MayResolve(string authorId) => authorId == Id || Moderates;

    /// Public to everybody, members' to members, private to their author only (each sees their own); hidden ones to their
    /// author and the moderators. Only on notes the reader may read: pass the context's Notes, whose query filter
    /// knows (ReadAccess), so that an id alone opens nothing of a members-only note.
    public IQueryable<Annotation> Visible(IQueryable<Annotation> annotations, IQueryable<Note> notes)
    {
        annotations = annotations.Where(a => notes.Any(n => n.Id == a.NoteId));
        if (Id is null)
        {
            return annotations.Where(a => a.Visibility == AnnotationVisibility.Public && a.HiddenAt == null);
        }
        var (me, member, moderates) = (Id, Member, Moderates);
        return annotations.Where(a => (a.Visibility == AnnotationVisibility.Public || a.AuthorId == me || (member && a.Visibility == AnnotationVisibility.Members))
            && (a.HiddenAt == null || a.AuthorId == me || moderates));
    }

    /// A note comment by its own visibility, a reply by its annotation's; on notes the reader may read.
    public IQueryable<Comment> Visible(IQueryable<Comment> comments, IQueryable<Annotation> annotations, IQueryable<Note> notes)
    {
        var visibleAnnotations = Visible(annotations, notes);
        comments = comments.Where(c => notes.Any(n => n.Id == c.NoteId));
        if (Id is null)
        {
            return comments.Where(c => c.HiddenAt == null && (c.AnnotationId == null
                ? c.Visibility == AnnotationVisibility.Public
                : visibleAnnotations.Any(a => a.Id == c.AnnotationId)));
        }
        var (me, member, moderates) = (Id, Member, Moderates);
        return comments.Where(c => (c.HiddenAt == null || c.AuthorId == me || moderates) && (c.AnnotationId == null
            ? c.Visibility == AnnotationVisibility.Public || c.AuthorId == me || (member && c.Visibility == AnnotationVisibility.Members)
            : visibleAnnotations.Any(a => a.Id == c.AnnotationId)));
    }
}
