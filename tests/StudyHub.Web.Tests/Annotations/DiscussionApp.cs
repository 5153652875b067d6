using Microsoft.EntityFrameworkCore;
using StudyHub.Testing;
using StudyHub.Web.Features.Accounts;
using StudyHub.Web.Features.Annotations;

namespace StudyHub.Web.Tests.Annotations;

/// Who asks: the discussion rules know these five kinds of reader.
public enum Caller { Anonymous, Author, OtherMember, Editor, Admin }

/// The app with notes to discuss and one reader of every kind, each with a client signed in once for the suite.
/// What a test starts from is written straight to the database, so it spends no posting allowance and announces nothing.
public class DiscussionApp : StudyHubApp
{
    public const string Passage = "passage";
    public const string PassageText = "Late fusion combines just the scores of each modality.";

    /// A note where one word stands three times and a passage spans two paragraphs.
    public const string Selection = "selection";

    readonly Dictionary<Caller, HttpClient> _clients = [];

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        using var vault = new TempVault("discussion")
            .Write("Passage.md", $"# Passage\n\n{PassageText}")
            .Write("Selection.md", """
                # Selection

                CLIP is a model. Quickly after CLIP, a paper from Google called ALIGN. And CLIP again.

                Late fusion combines just the scores.

                Early fusion combines the modalities.
                """);
        await ImportVaultAsync(vault.Root);
        foreach (var caller in Enum.GetValues<Caller>())
        {
            if (Email(caller) is { } email)
            {
                await CreateUserAsync(email, caller switch { Caller.Editor => Roles.Editor, Caller.Admin => Roles.Admin, _ => Roles.Member });
            }
            _clients[caller] = await ClientAsync(Email(caller));
        }
    }

    public static string? Email(Caller caller) => caller switch
    {
        Caller.Author => "author@example.org",
        Caller.OtherMember => "other@example.org",
        Caller.Editor => "editor@example.org",
        Caller.Admin => "admin@example.org",
        _ => null,
    };

    /// The caller's client, shared by the suite's tests: do not dispose it or change its headers.
    public HttpClient As(Caller caller) => _clients[caller];

    /// An annotation on "Late fusion" in the note, by default at 1:35 of its lecture.
    public async Task<Guid> AnnotatedAsync(Caller author, AnnotationVisibility visibility, string body = "Why late?", bool hidden = false,
        bool resolved = false, string slug = Passage, int? seconds = 95)
    {
        await using var db = Database.CreateContext();
        var note = await db.Notes.SingleAsync(n => n.Slug == slug);
        var start = note.PlainText.IndexOf("Late fusion", StringComparison.Ordinal);
        var anchor = TextAnchor.Of(note.PlainText, start, "Late fusion".Length);
        var now = DateTimeOffset.UtcNow;
        var annotation = new Annotation
        {
            NoteId = note.Id, AuthorId = await UserIdAsync(db, author), Quote = anchor.Quote, Prefix = anchor.Prefix, Suffix = anchor.Suffix,
            Start = anchor.Start, Length = anchor.Quote.Length, MediaSeconds = seconds, Body = body, Visibility = visibility, CreatedAt = now, UpdatedAt = now,
            HiddenAt = hidden ? now : null, ResolvedAt = resolved ? now : null,
        };
        db.Annotations.Add(annotation);
        await db.SaveChangesAsync();
        return annotation.Id;
    }

    /// A reply in an annotation's thread, or with no annotation a comment in the note's own thread.
    public async Task<Guid> CommentedAsync(Caller author, Guid? annotation, AnnotationVisibility visibility = AnnotationVisibility.Members,
        string body = "A thought.", bool hidden = false, string slug = Passage)
    {
        await using var db = Database.CreateContext();
        var now = DateTimeOffset.UtcNow;
        var comment = new Comment
        {
            NoteId = await db.Notes.Where(n => n.Slug == slug).Select(n => n.Id).SingleAsync(), AnnotationId = annotation,
            AuthorId = await UserIdAsync(db, author), Body = body, Visibility = visibility, CreatedAt = now, UpdatedAt = now, HiddenAt = hidden ? now : null,
        };
        db.Comments.Add(comment);
        await db.SaveChangesAsync();
        return comment.Id;
    }

    static Task<string> UserIdAsync(Data.StudyHubDbContext db, Caller caller) =>
        db.Users.Where(u => u.Email == Email(caller)).Select(u => u.Id).SingleAsync();

    public override async ValueTask DisposeAsync()
    {
        foreach (var client in _clients.Values)
        {
            client.Dispose();
        }
        await base.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}
