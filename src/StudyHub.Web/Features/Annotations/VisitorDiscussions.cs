using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using StudyHub.Web.Data;
using StudyHub.Web.Infrastructure;

namespace StudyHub.Web.Features.Annotations;

/// A note's discussion as visitors see it (no account, no share link), kept in memory: every visitor sees the same, and
/// reading it took five queries on each page drawn and each panel a visitor's page asks for again. An entry goes when the
/// feed hears the note's discussion changed (from any instance), when the content version moves (an import re-anchors
/// annotations, access changes), and after a minute at most, for what neither announces (an author's new name).
public sealed class VisitorDiscussions : IDisposable
{
    static readonly TimeSpan Longest = TimeSpan.FromMinutes(1);

    readonly IDbContextFactory<StudyHubDbContext> _contexts;
    readonly ContentCache _content;
    readonly DiscussionFeed _feed;
    // Sized in characters of what the entries show.
    readonly MemoryCache _shown = new(new MemoryCacheOptions { SizeLimit = 16 * 1024 * 1024, TrackStatistics = true });
    // Moves with every change heard: a read that began before a change is shown once but not kept.
    long _changes;

    sealed record Entry(string Version, DiscussionShown Shown);

    public VisitorDiscussions(IDbContextFactory<StudyHubDbContext> contexts, ContentCache content, DiscussionFeed feed)
    {
        (_contexts, _content, _feed) = (contexts, content, feed);
        _feed.Changed += Forget;
    }

    /// The discussion of the note with this slug as a visitor may see it; null if a visitor may not read the note.
    public async Task<DiscussionShown?> GetAsync(string slug, CancellationToken cancellationToken)
    {
        var version = await _content.VersionAsync(cancellationToken);
        if (_shown.TryGetValue((slug, version), out Guid noteId) && _shown.TryGetValue(noteId, out Entry? kept) && kept!.Version == version)
        {
            return kept.Shown;
        }
        var changes = Interlocked.Read(ref _changes);
        await using var db = (await _contexts.CreateDbContextAsync(cancellationToken)).ReadingAs(ReadAccess.None);
        // Misses are not kept: anyone can ask for any number of slugs that do not exist.
        if (await AnnotationsFeature.NoteIdAsync(db, slug, cancellationToken) is not { } id)
        {
            return null;
        }
        var shown = await DiscussionViews.ShownAsync(db, id, null, Reader.Nobody, cancellationToken);
        // A slug names the same note until the version moves.
        _shown.Set((slug, version), id, new MemoryCacheEntryOptions { Size = slug.Length + version.Length, AbsoluteExpirationRelativeToNow = Longest });
        if (Interlocked.Read(ref _changes) == changes)
        {
            _shown.Set(id, new Entry(version, shown), new MemoryCacheEntryOptions
            {
                Size = shown.Annotations.Sum(a => a.Quote.Length + a.Body.Length + a.BodyHtml.Length + a.Replies.Sum(Characters)) + shown.Comments.Sum(Characters) + 1,
                AbsoluteExpirationRelativeToNow = Longest,
            });
        }
        return shown;
    }

    static long Characters(CommentView comment) => comment.Body.Length + comment.BodyHtml.Length;

    /// The characters held, for the tests that check what a request leaves behind.
    public long Size => _shown.GetCurrentStatistics()?.CurrentEstimatedSize ?? 0;

    /// A note whose discussion changed, or null when every note's may have (the feed lost the database a while).
    void Forget(Guid? noteId)
    {
        Interlocked.Increment(ref _changes);
        if (noteId is null)
        {
            _shown.Clear();
        }
        else
        {
            _shown.Remove(noteId.Value);
        }
    }

    public void Dispose()
    {
        _feed.Changed -= Forget;
        _shown.Dispose();
    }
}
