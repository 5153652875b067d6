using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using StudyHub.Web.Features.Annotations;

namespace StudyHub.Web.Tests.Annotations;

/// Everything a reader can do to a note's discussion through the API.
public enum Act
{
    Annotate, EditBody, EditVisibility, EditTime, Resolve, Unresolve, Hide, Unhide, Delete, Reply,
    Comment, EditComment, HideComment, UnhideComment, DeleteComment,
    EditReply, HideReply, UnhideReply, DeleteReply,
}

/// What an action is done to. The annotation, comment or reply is the author's; "Hidden" ones are public but hidden by a
/// moderator; a reply "in a hidden thread" answers a hidden annotation.
public enum Target { Note, OnlyMe, Members, Public, Hidden, HiddenThread }

/// The state of the note's discussion an action may change: how many annotations and comments it has, and the one acted on.
public sealed record Snapshot(int Annotations, int Comments, Snapshot.Thing? Target)
{
    public sealed record Thing(string Body, AnnotationVisibility Visibility, int? Seconds, bool Resolved, bool Hidden, int Replies);
}

public static class DiscussionActions
{
    public const string Edited = "Edited.";

    /// A fresh thing for the action to be done to, on the note "passage"; nothing for actions on the note itself.
    public static async Task<Guid> TargetAsync(this DiscussionApp app, Act act, Target target)
    {
        var visibility = VisibilityOf(target);
        switch (act)
        {
            case Act.Annotate or Act.Comment:
                return Guid.Empty;
            case Act.EditComment or Act.HideComment or Act.UnhideComment or Act.DeleteComment:
                return await app.CommentedAsync(Caller.Author, null, visibility, hidden: target == Target.Hidden);
            case Act.EditReply or Act.HideReply or Act.UnhideReply or Act.DeleteReply:
                var thread = await app.AnnotatedAsync(Caller.Author, visibility, hidden: target == Target.HiddenThread);
                return await app.CommentedAsync(Caller.Author, thread, visibility, hidden: target == Target.Hidden);
            default:
                return await app.AnnotatedAsync(Caller.Author, visibility, hidden: target == Target.Hidden, resolved: act == Act.Unresolve);
        }
    }

    /// The author's annotation on "passage", as the target says.
    public static Task<Guid> AnnotatedAsync(this DiscussionApp app, Target target, int? seconds = 95) =>
        app.AnnotatedAsync(Caller.Author, VisibilityOf(target), hidden: target == Target.Hidden, seconds: seconds);

    static AnnotationVisibility VisibilityOf(Target target) =>
        target switch { Target.OnlyMe => AnnotationVisibility.OnlyMe, Target.Members => AnnotationVisibility.Members, _ => AnnotationVisibility.Public };

    public static Task<HttpResponseMessage> SendAsync(this HttpClient client, Act act, Guid id, Target target) => act switch
    {
        Act.Annotate => client.PostAsJsonAsync(Api($"notes/{DiscussionApp.Passage}/annotations"),
            new { quote = "Late fusion", body = "Why late?", visibility = "Members", mediaSeconds = 95 }),
        Act.EditBody => client.PatchAsJsonAsync(Api($"annotations/{id}"), new { body = Edited }),
        Act.EditVisibility => client.PatchAsJsonAsync(Api($"annotations/{id}"), new { visibility = target == Target.OnlyMe ? "Public" : "OnlyMe" }),
        Act.EditTime => client.PatchAsJsonAsync(Api($"annotations/{id}"), new { mediaSeconds = 120 }),
        Act.Resolve or Act.Unresolve => client.PatchAsJsonAsync(Api($"annotations/{id}"), new { resolved = act == Act.Resolve }),
        Act.Hide or Act.Unhide => client.PatchAsJsonAsync(Api($"annotations/{id}"), new { hidden = act == Act.Hide }),
        Act.Delete => client.DeleteAsync(Api($"annotations/{id}")),
        Act.Reply => client.PostAsJsonAsync(Api($"annotations/{id}/replies"), new { body = "An answer." }),
        Act.Comment => client.PostAsJsonAsync(Api($"notes/{DiscussionApp.Passage}/comments"), new { body = "A thought.", visibility = "Members" }),
        Act.EditComment or Act.EditReply => client.PatchAsJsonAsync(Api($"comments/{id}"), new { body = Edited }),
        Act.HideComment or Act.HideReply or Act.UnhideComment or Act.UnhideReply =>
            client.PatchAsJsonAsync(Api($"comments/{id}"), new { hidden = act is Act.HideComment or Act.HideReply }),
        Act.DeleteComment or Act.DeleteReply => client.DeleteAsync(Api($"comments/{id}")),
        _ => throw new ArgumentOutOfRangeException(nameof(act), act, null),
    };

    public static async Task<Snapshot> SnapshotAsync(this DiscussionApp app, Guid target)
    {
        await using var db = app.Database.CreateContext();
        var note = await db.Notes.Where(n => n.Slug == DiscussionApp.Passage).Select(n => n.Id).SingleAsync();
        var thing = await db.Annotations.Where(a => a.Id == target)
                .Select(a => new Snapshot.Thing(a.Body, a.Visibility, a.MediaSeconds, a.ResolvedAt != null, a.HiddenAt != null,
                    db.Comments.Count(c => c.AnnotationId == a.Id)))
                .SingleOrDefaultAsync()
            ?? await db.Comments.Where(c => c.Id == target)
                .Select(c => new Snapshot.Thing(c.Body, c.Visibility, null, false, c.HiddenAt != null, 0))
                .SingleOrDefaultAsync();
        return new Snapshot(await db.Annotations.CountAsync(a => a.NoteId == note), await db.Comments.CountAsync(c => c.NoteId == note), thing);
    }

    /// Whether the action did what it asks for.
    public static bool Applied(Act act, Snapshot before, Snapshot after) => act switch
    {
        Act.Annotate => after.Annotations == before.Annotations + 1,
        Act.Comment => after.Comments == before.Comments + 1,
        Act.Reply => after.Target?.Replies == before.Target?.Replies + 1,
        Act.EditBody or Act.EditComment or Act.EditReply => after.Target?.Body == Edited,
        Act.EditVisibility => after.Target is { } edited && edited.Visibility != before.Target?.Visibility,
        Act.EditTime => after.Target?.Seconds == 120,
        Act.Resolve => after.Target?.Resolved == true,
        Act.Unresolve => after.Target?.Resolved == false,
        Act.Hide or Act.HideComment or Act.HideReply => after.Target?.Hidden == true,
        Act.Unhide or Act.UnhideComment or Act.UnhideReply => after.Target?.Hidden == false,
        Act.Delete or Act.DeleteComment or Act.DeleteReply => after.Target is null,
        _ => throw new ArgumentOutOfRangeException(nameof(act), act, null),
    };

    public static Uri Api(string path) => new($"/api/{path}", UriKind.Relative);
}
