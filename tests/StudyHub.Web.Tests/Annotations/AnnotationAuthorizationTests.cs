using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using StudyHub.Testing;
using StudyHub.Web.Features.Annotations;

namespace StudyHub.Web.Tests.Annotations;

/// Every discussion action against every kind of caller: anonymous, the member who wrote it, another member, an editor,
/// an admin. Private things are not found by anyone but their author; hidden ones only by their author and moderators;
/// replies go with their annotation. What is refused changes nothing.
public sealed class AnnotationAuthorizationTests(AnnotationAuthorizationTests.ListedApp app) : IClassFixture<AnnotationAuthorizationTests.ListedApp>
{
    /// Also a note "listed" whose discussion stays as seeded: the author's annotations and note comments of every
    /// visibility, each annotation with the author's reply, and on the public one a reply of the other member's that a
    /// moderator hid. And a note "closed" in a members-only vault, with a public annotation and a public comment.
    public sealed class ListedApp : DiscussionApp
    {
        public const string Listed = "listed";
        public const string Closed = "closed";

        public Guid ClosedAnnotation { get; private set; }

        public override async Task InitializeAsync()
        {
            await base.InitializeAsync();
            using var vault = new TempVault("listing").Write("Listed.md", $"# Listed\n\n{PassageText}");
            await ImportVaultAsync(vault.Root);
            using var closed = new TempVault("closed").Write("Closed.md", $"# Closed\n\n{PassageText}");
            await ImportVaultAsync(closed.Root);
            await using (var db = Database.CreateContext())
            {
                await db.Vaults.Where(v => v.Name == "closed").ExecuteUpdateAsync(v => v.SetProperty(x => x.MembersOnly, true));
            }
            ClosedAnnotation = await AnnotatedAsync(Caller.Author, AnnotationVisibility.Public, slug: Closed);
            await CommentedAsync(Caller.Author, null, AnnotationVisibility.Public, slug: Closed);
            foreach (var (name, visibility, hidden) in new[]
            {
                ("OnlyMe", AnnotationVisibility.OnlyMe, false), ("Members", AnnotationVisibility.Members, false),
                ("Public", AnnotationVisibility.Public, false), ("Hidden", AnnotationVisibility.Public, true),
            })
            {
                var annotation = await AnnotatedAsync(Caller.Author, visibility, body: name, hidden: hidden, slug: Listed);
                await CommentedAsync(Caller.Author, annotation, visibility, body: $"reply to {name}", slug: Listed);
                if (name == "Public")
                {
                    await CommentedAsync(Caller.OtherMember, annotation, visibility, body: "hidden reply", hidden: true, slug: Listed);
                }
                await CommentedAsync(Caller.Author, null, visibility, body: name, hidden: hidden, slug: Listed);
            }
        }
    }

    [Theory]
    //                                              anonymous  author  other member  editor  admin
    [InlineData(Act.Annotate,       Target.Note,    401,       201,    201,          201,    201)]
    [InlineData(Act.EditBody,       Target.OnlyMe,  401,       200,    404,          404,    404)]
    [InlineData(Act.EditBody,       Target.Members, 401,       200,    403,          403,    403)]
    [InlineData(Act.EditBody,       Target.Public,  401,       200,    403,          403,    403)]
    [InlineData(Act.EditBody,       Target.Hidden,  401,       200,    404,          403,    403)]
    [InlineData(Act.EditVisibility, Target.OnlyMe,  401,       200,    404,          404,    404)]
    [InlineData(Act.EditVisibility, Target.Members, 401,       200,    403,          403,    403)]
    [InlineData(Act.EditVisibility, Target.Public,  401,       200,    403,          403,    403)]
    [InlineData(Act.EditVisibility, Target.Hidden,  401,       200,    404,          403,    403)]
    [InlineData(Act.EditTime,       Target.OnlyMe,  401,       200,    404,          404,    404)]
    [InlineData(Act.EditTime,       Target.Members, 401,       200,    403,          403,    403)]
    [InlineData(Act.EditTime,       Target.Public,  401,       200,    403,          403,    403)]
    [InlineData(Act.EditTime,       Target.Hidden,  401,       200,    404,          403,    403)]
    [InlineData(Act.Resolve,        Target.OnlyMe,  401,       200,    404,          404,    404)]
    [InlineData(Act.Resolve,        Target.Members, 401,       200,    403,          200,    200)]
    [InlineData(Act.Resolve,        Target.Public,  401,       200,    403,          200,    200)]
    [InlineData(Act.Resolve,        Target.Hidden,  401,       200,    404,          200,    200)]
    [InlineData(Act.Unresolve,      Target.OnlyMe,  401,       200,    404,          404,    404)]
    [InlineData(Act.Unresolve,      Target.Members, 401,       200,    403,          200,    200)]
    [InlineData(Act.Unresolve,      Target.Public,  401,       200,    403,          200,    200)]
    [InlineData(Act.Unresolve,      Target.Hidden,  401,       200,    404,          200,    200)]
    [InlineData(Act.Hide,           Target.OnlyMe,  401,       403,    404,          404,    404)]
    [InlineData(Act.Hide,           Target.Members, 401,       403,    403,          200,    200)]
    [InlineData(Act.Hide,           Target.Public,  401,       403,    403,          200,    200)]
    [InlineData(Act.Unhide,         Target.Hidden,  401,       403,    404,          200,    200)]
    [InlineData(Act.Delete,         Target.OnlyMe,  401,       204,    404,          404,    404)]
    [InlineData(Act.Delete,         Target.Members, 401,       204,    403,          204,    204)]
    [InlineData(Act.Delete,         Target.Public,  401,       204,    403,          204,    204)]
    [InlineData(Act.Delete,         Target.Hidden,  401,       204,    404,          204,    204)]
    [InlineData(Act.Reply,          Target.OnlyMe,  401,       201,    404,          404,    404)]
    [InlineData(Act.Reply,          Target.Members, 401,       201,    201,          201,    201)]
    [InlineData(Act.Reply,          Target.Public,  401,       201,    201,          201,    201)]
    [InlineData(Act.Reply,          Target.Hidden,  401,       201,    404,          201,    201)]
    public Task Annotations(Act act, Target target, int anonymous, int author, int otherMember, int editor, int admin) =>
        EachCallerIsAnsweredByTheRules(act, target, anonymous, author, otherMember, editor, admin);

    [Theory]
    //                                             anonymous  author  other member  editor  admin
    [InlineData(Act.Comment,       Target.Note,    401,       201,    201,          201,    201)]
    [InlineData(Act.EditComment,   Target.OnlyMe,  401,       200,    404,          404,    404)]
    [InlineData(Act.EditComment,   Target.Members, 401,       200,    403,          403,    403)]
    [InlineData(Act.EditComment,   Target.Public,  401,       200,    403,          403,    403)]
    [InlineData(Act.EditComment,   Target.Hidden,  401,       200,    404,          403,    403)]
    [InlineData(Act.HideComment,   Target.OnlyMe,  401,       403,    404,          404,    404)]
    [InlineData(Act.HideComment,   Target.Members, 401,       403,    403,          200,    200)]
    [InlineData(Act.HideComment,   Target.Public,  401,       403,    403,          200,    200)]
    [InlineData(Act.UnhideComment, Target.Hidden,  401,       403,    404,          200,    200)]
    [InlineData(Act.DeleteComment, Target.OnlyMe,  401,       204,    404,          404,    404)]
    [InlineData(Act.DeleteComment, Target.Members, 401,       204,    403,          204,    204)]
    [InlineData(Act.DeleteComment, Target.Public,  401,       204,    403,          204,    204)]
    [InlineData(Act.DeleteComment, Target.Hidden,  401,       204,    404,          204,    204)]
    public Task NoteComments(Act act, Target target, int anonymous, int author, int otherMember, int editor, int admin) =>
        EachCallerIsAnsweredByTheRules(act, target, anonymous, author, otherMember, editor, admin);

    [Theory]
    //                                                anonymous  author  other member  editor  admin
    [InlineData(Act.EditReply,   Target.OnlyMe,       401,       200,    404,          404,    404)]
    [InlineData(Act.EditReply,   Target.Members,      401,       200,    403,          403,    403)]
    [InlineData(Act.EditReply,   Target.Public,       401,       200,    403,          403,    403)]
    [InlineData(Act.EditReply,   Target.Hidden,       401,       200,    404,          403,    403)]
    [InlineData(Act.EditReply,   Target.HiddenThread, 401,       200,    404,          403,    403)]
    [InlineData(Act.HideReply,   Target.OnlyMe,       401,       403,    404,          404,    404)]
    [InlineData(Act.HideReply,   Target.Members,      401,       403,    403,          200,    200)]
    [InlineData(Act.HideReply,   Target.Public,       401,       403,    403,          200,    200)]
    [InlineData(Act.HideReply,   Target.HiddenThread, 401,       403,    404,          200,    200)]
    [InlineData(Act.UnhideReply, Target.Hidden,       401,       403,    404,          200,    200)]
    [InlineData(Act.DeleteReply, Target.OnlyMe,       401,       204,    404,          404,    404)]
    [InlineData(Act.DeleteReply, Target.Members,      401,       204,    403,          204,    204)]
    [InlineData(Act.DeleteReply, Target.Public,       401,       204,    403,          204,    204)]
    [InlineData(Act.DeleteReply, Target.Hidden,       401,       204,    404,          204,    204)]
    [InlineData(Act.DeleteReply, Target.HiddenThread, 401,       204,    404,          204,    204)]
    public Task Replies(Act act, Target target, int anonymous, int author, int otherMember, int editor, int admin) =>
        EachCallerIsAnsweredByTheRules(act, target, anonymous, author, otherMember, editor, admin);

    /// Each caller acts on a fresh target. A caller refused must leave everything as it was; one allowed must have done it.
    async Task EachCallerIsAnsweredByTheRules(Act act, Target target, params int[] expected)
    {
        var answers = new List<string>();
        foreach (var caller in Enum.GetValues<Caller>())
        {
            var id = await app.TargetAsync(act, target);
            var before = await app.SnapshotAsync(id);
            using var response = await app.As(caller).SendAsync(act, id, target);
            var after = await app.SnapshotAsync(id);
            var effect = (response.IsSuccessStatusCode, DiscussionActions.Applied(act, before, after), before == after) switch
            {
                (true, false, _) => " but it did nothing",
                (false, _, false) => " but it changed something",
                _ => "",
            };
            answers.Add($"{caller} {(int)response.StatusCode}{effect}");
        }

        Assert.Equal(string.Join(", ", Enum.GetValues<Caller>().Zip(expected, (caller, status) => $"{caller} {status}")), string.Join(", ", answers));
    }

    [Theory]
    [InlineData(Caller.Anonymous, "Public[reply to Public]")]
    [InlineData(Caller.Author, "OnlyMe[reply to OnlyMe] Members[reply to Members] Public[reply to Public] Hidden[reply to Hidden]")]
    [InlineData(Caller.OtherMember, "Members[reply to Members] Public[reply to Public, hidden reply]")]
    [InlineData(Caller.Editor, "Members[reply to Members] Public[reply to Public, hidden reply] Hidden[reply to Hidden]")]
    [InlineData(Caller.Admin, "Members[reply to Members] Public[reply to Public, hidden reply] Hidden[reply to Hidden]")]
    public async Task EachCallerListsTheAnnotationsAndRepliesTheyMaySee(Caller caller, string visible)
    {
        var list = await app.As(caller).GetFromJsonAsync<JsonElement[]>(DiscussionActions.Api($"notes/{ListedApp.Listed}/annotations"));

        Assert.Equal(visible, string.Join(" ", list!.Select(a =>
            $"{a.GetProperty("body")}[{string.Join(", ", a.GetProperty("replies").EnumerateArray().Select(r => r.GetProperty("body").GetString()))}]")));
    }

    [Theory]
    [InlineData(Caller.Anonymous, "Public")]
    [InlineData(Caller.Author, "OnlyMe Members Public Hidden")]
    [InlineData(Caller.OtherMember, "Members Public")]
    [InlineData(Caller.Editor, "Members Public Hidden")]
    [InlineData(Caller.Admin, "Members Public Hidden")]
    public async Task EachCallerListsTheNoteCommentsTheyMaySee(Caller caller, string visible)
    {
        var list = await app.As(caller).GetFromJsonAsync<JsonElement[]>(DiscussionActions.Api($"notes/{ListedApp.Listed}/comments"));

        Assert.Equal(visible, string.Join(" ", list!.Select(c => c.GetProperty("body").GetString())));
    }

    [Theory]
    [InlineData(Caller.Anonymous, false, false, false)]
    [InlineData(Caller.Author, true, true, true)]
    [InlineData(Caller.OtherMember, false, false, false)]
    [InlineData(Caller.Editor, false, true, true)]
    [InlineData(Caller.Admin, false, true, true)]
    public async Task EachCallerIsToldWhatTheyMayDo(Caller caller, bool mine, bool mayDelete, bool mayResolve)
    {
        var list = await app.As(caller).GetFromJsonAsync<JsonElement[]>(DiscussionActions.Api($"notes/{ListedApp.Listed}/annotations"));

        var annotation = list!.Single(a => a.GetProperty("body").GetString() == "Public");
        var reply = annotation.GetProperty("replies").EnumerateArray().Single(r => r.GetProperty("body").GetString() == "reply to Public");
        Assert.Equal((mine, mayDelete, mayResolve), (annotation.GetProperty("mine").GetBoolean(), annotation.GetProperty("mayDelete").GetBoolean(),
            annotation.GetProperty("mayResolve").GetBoolean()));
        Assert.Equal((mine, mayDelete), (reply.GetProperty("mine").GetBoolean(), reply.GetProperty("mayDelete").GetBoolean()));
    }

    [Theory]
    [InlineData("annotations")]
    [InlineData("comments")]
    public async Task TheDiscussionOfANoteThatDoesNotExistIsNotFound(string thread)
    {
        using var response = await app.As(Caller.Author).GetAsync(DiscussionActions.Api($"notes/no-such-note/{thread}"));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    /// A note of a members-only vault has no discussion for anonymous visitors, not even its public annotations.
    [Theory]
    [InlineData(Caller.Anonymous, "annotations 404, comments 404, events 404, shared link sign in")]
    [InlineData(Caller.OtherMember, "annotations 200, comments 200, events 200, shared link note")]
    public async Task AMembersOnlyNotesDiscussionIsForMembers(Caller caller, string expected)
    {
        var client = app.As(caller);

        using var annotations = await client.GetAsync(DiscussionActions.Api($"notes/{ListedApp.Closed}/annotations"));
        using var comments = await client.GetAsync(DiscussionActions.Api($"notes/{ListedApp.Closed}/comments"));
        using var events = await client.GetAsync(DiscussionActions.Api($"notes/{ListedApp.Closed}/discussion/events"), HttpCompletionOption.ResponseHeadersRead);
        using var shared = await client.GetAsync(new Uri($"/annotations/{app.ClosedAnnotation}", UriKind.Relative));

        Assert.Equal(expected, $"annotations {(int)annotations.StatusCode}, comments {(int)comments.StatusCode}, events {(int)events.StatusCode}, "
            + $"shared link {Opened(shared, app.ClosedAnnotation, $"closed/{ListedApp.Closed}")}");
    }

    /// "Members" means the member role here too: an account without it (anyone, where registration is open) sees a
    /// public note's public discussion, as a visitor does, not what its authors meant for members.
    [Fact]
    public async Task AnAccountWithoutTheMemberRoleSeesNoMembersDiscussionOnAPublicNote()
    {
        await app.CreateUserAsync("registered@example.org", role: null);
        using var registered = await app.ClientAsync("registered@example.org");

        var annotations = await registered.GetFromJsonAsync<JsonElement[]>(DiscussionActions.Api($"notes/{ListedApp.Listed}/annotations"));
        var comments = await registered.GetFromJsonAsync<JsonElement[]>(DiscussionActions.Api($"notes/{ListedApp.Listed}/comments"));
        var membersAnnotations = await app.As(Caller.OtherMember).GetFromJsonAsync<JsonElement[]>(DiscussionActions.Api($"notes/{ListedApp.Listed}/annotations"));

        Assert.Equal(["Public"], annotations!.Select(a => a.GetProperty("body").GetString()));
        Assert.Equal(["Public"], comments!.Select(c => c.GetProperty("body").GetString()));
        Assert.Equal(["Members", "Public"], membersAnnotations!.Select(a => a.GetProperty("body").GetString()).Order());
    }

    /// An account without the member role (open registration, or a member whose role was taken away) finds nothing of a
    /// members-only note's discussion by its ids either, say from an annotation's link passed on: no empty change that
    /// answers with the annotation, its quote and replies, no reply, and not even a refusal that tells it exists.
    [Fact]
    public async Task AnAccountWithoutTheMemberRoleFindsNoDiscussionOfAMembersOnlyNoteByItsIds()
    {
        await app.CreateUserAsync("outsider@example.org", role: null);
        using var outsider = await app.ClientAsync("outsider@example.org");
        var comment = await app.CommentedAsync(Caller.Author, null, AnnotationVisibility.Public, slug: ListedApp.Closed);
        var reply = await app.CommentedAsync(Caller.Author, app.ClosedAnnotation, AnnotationVisibility.Public, slug: ListedApp.Closed);

        using var read = await outsider.PatchAsJsonAsync(DiscussionActions.Api($"annotations/{app.ClosedAnnotation}"), new { });
        using var replied = await outsider.PostAsJsonAsync(DiscussionActions.Api($"annotations/{app.ClosedAnnotation}/replies"), new { body = "Let me in." });
        using var deleted = await outsider.DeleteAsync(DiscussionActions.Api($"annotations/{app.ClosedAnnotation}"));
        using var readComment = await outsider.PatchAsJsonAsync(DiscussionActions.Api($"comments/{comment}"), new { });
        using var readReply = await outsider.PatchAsJsonAsync(DiscussionActions.Api($"comments/{reply}"), new { });
        using var deletedComment = await outsider.DeleteAsync(DiscussionActions.Api($"comments/{comment}"));

        var answers = $"read {(int)read.StatusCode}, reply {(int)replied.StatusCode}, delete {(int)deleted.StatusCode}, read comment {(int)readComment.StatusCode}, "
            + $"read reply {(int)readReply.StatusCode}, delete comment {(int)deletedComment.StatusCode}";
        Assert.True(answers == "read 404, reply 404, delete 404, read comment 404, read reply 404, delete comment 404", answers);
        await using var db = app.Database.CreateContext();
        Assert.False(await db.Comments.AnyAsync(c => c.Body == "Let me in."));
    }

    [Fact]
    public async Task RepliesGoWithTheirAnnotationWhenItsVisibilityChanges()
    {
        var annotation = await app.AnnotatedAsync(Caller.Author, AnnotationVisibility.Public, body: "Soon private");
        using var replied = await app.As(Caller.OtherMember).SendAsync(Act.Reply, annotation, Target.Public);
        var reply = (await replied.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        using var madePrivate = await app.As(Caller.Author).PatchAsJsonAsync(DiscussionActions.Api($"annotations/{annotation}"), new { visibility = "OnlyMe" });

        Assert.Equal(HttpStatusCode.OK, madePrivate.StatusCode);
        Assert.False(await SeesReplyAsync(Caller.OtherMember, reply));
        Assert.False(await SeesReplyAsync(Caller.Anonymous, reply));
        Assert.False(await SeesReplyAsync(Caller.Editor, reply));
        Assert.True(await SeesReplyAsync(Caller.Author, reply));
        using var edited = await app.As(Caller.OtherMember).SendAsync(Act.EditReply, reply, Target.OnlyMe);
        Assert.Equal(HttpStatusCode.NotFound, edited.StatusCode);

        using var madePublic = await app.As(Caller.Author).PatchAsJsonAsync(DiscussionActions.Api($"annotations/{annotation}"), new { visibility = "Public" });

        Assert.True(await SeesReplyAsync(Caller.Anonymous, reply));
        Assert.True(await SeesReplyAsync(Caller.OtherMember, reply));
    }

    async Task<bool> SeesReplyAsync(Caller caller, Guid reply)
    {
        var list = await app.As(caller).GetFromJsonAsync<JsonElement[]>(DiscussionActions.Api($"notes/{DiscussionApp.Passage}/annotations"));
        return list!.SelectMany(a => a.GetProperty("replies").EnumerateArray()).Any(r => r.GetProperty("id").GetGuid() == reply);
    }

    [Fact]
    public async Task DeletingAnAnnotationDeletesItsThread()
    {
        var annotation = await app.AnnotatedAsync(Caller.Author, AnnotationVisibility.Members);
        var reply = await app.CommentedAsync(Caller.OtherMember, annotation);

        using var deleted = await app.As(Caller.Editor).SendAsync(Act.Delete, annotation, Target.Members);

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Null((await app.SnapshotAsync(reply)).Target);
    }

    [Theory]
    //                          anonymous  author  other member  editor  admin
    [InlineData(Target.OnlyMe,  "sign in", "note", "404",        "404",  "404")]
    [InlineData(Target.Members, "sign in", "note", "note",       "note", "note")]
    [InlineData(Target.Public,  "note",    "note", "note",       "note", "note")]
    [InlineData(Target.Hidden,  "sign in", "note", "404",        "note", "note")]
    public async Task ASharedLinkOpensThePassageForWhoeverMaySeeIt(Target target, string anonymous, string author, string otherMember, string editor, string admin)
    {
        var id = await app.AnnotatedAsync(target);
        var answers = new List<string>();
        foreach (var caller in Enum.GetValues<Caller>())
        {
            using var response = await app.As(caller).GetAsync(new Uri($"/annotations/{id}", UriKind.Relative));
            answers.Add($"{caller} {Opened(response, id)}");
        }

        Assert.Equal($"Anonymous {anonymous}, Author {author}, OtherMember {otherMember}, Editor {editor}, Admin {admin}", string.Join(", ", answers));
    }

    [Fact]
    public async Task SigningInFromASharedLinkOpensThePassage()
    {
        var id = await app.AnnotatedAsync(Target.Members);
        using var client = await app.ClientAsync(null);
        using var shared = await client.GetAsync(new Uri($"/annotations/{id}", UriKind.Relative));
        Assert.Equal("sign in", Opened(shared, id));

        using var signedIn = await StudyHubApp.SignInAsync(client, DiscussionApp.Email(Caller.OtherMember)!, returnUrl: $"/annotations/{id}");
        using var reopened = await client.GetAsync(signedIn.Headers.Location);

        Assert.Equal($"/annotations/{id}", LocalPart(signedIn.Headers.Location));
        Assert.Equal("note", Opened(reopened, id));
    }

    [Fact]
    public async Task ASharedLinkToAnAnnotationWithoutATimeOpensTheNoteAtThePassage()
    {
        var id = await app.AnnotatedAsync(Target.Public, seconds: null);

        using var response = await app.As(Caller.Anonymous).GetAsync(new Uri($"/annotations/{id}", UriKind.Relative));

        Assert.Equal($"/notes/discussion/{DiscussionApp.Passage}#annotation-{id}", LocalPart(response.Headers.Location));
    }

    /// Where a shared link took the caller: to the note at the annotation ("note"), to the sign-in page coming back to the
    /// link ("sign in"), or nowhere ("404").
    static string Opened(HttpResponseMessage response, Guid id, string address = "discussion/" + DiscussionApp.Passage)
    {
        return (response.StatusCode, LocalPart(response.Headers.Location)) switch
        {
            (HttpStatusCode.Redirect, var l) when l == $"/notes/{address}?t=95#annotation-{id}" => "note",
            (HttpStatusCode.Redirect, var l) when l == $"/account/login?ReturnUrl={Uri.EscapeDataString($"/annotations/{id}")}" => "sign in",
            (HttpStatusCode.NotFound, _) => "404",
            var (status, l) => $"{(int)status} {l}",
        };
    }

    static string? LocalPart(Uri? location) => location is { IsAbsoluteUri: true } ? location.PathAndQuery + location.Fragment : location?.OriginalString;
}
