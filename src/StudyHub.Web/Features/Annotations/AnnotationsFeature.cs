using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Security.Claims;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using StudyHub.Web.Data;
using StudyHub.Web.Infrastructure;

namespace StudyHub.Web.Features.Annotations;

/// `Discussion:*` configuration.
public sealed class DiscussionOptions
{
    /// Annotations, comments, replies and edits one person may post in a minute.
    public int PostsPerMinute { get; set; } = 30;

    /// Live discussion streams open at once from one client network, and in all.
    public int StreamsPerClient { get; set; } = 20;

    public int Streams { get; set; } = 2000;
}

/// Posts and edits made in live discussion panels, counted per person against `Discussion:PostsPerMinute`.
/// REVIEW: counted apart from the API's posting policy, whose partitions the rate-limiting middleware keeps to itself,
/// so one person may post the limit through each; both stay bounded.
public sealed class PanelPostingLimit(IOptions<DiscussionOptions> options) : IDisposable
{
    readonly PartitionedRateLimiter<string> _posts = PartitionedRateLimiter.Create<string, string>(user =>
        RateLimitPartition.GetFixedWindowLimiter(user, _ => new FixedWindowRateLimiterOptions { PermitLimit = options.Value.PostsPerMinute, Window = TimeSpan.FromMinutes(1) }));

    public bool TryPost(string userId)
    {
        using var lease = _posts.AttemptAcquire(userId);
        return lease.IsAcquired;
    }

    public void Dispose() => _posts.Dispose();
}

/// Annotations, replies and note comments: their services, their API and the live stream of changes.
public static class AnnotationsFeature
{
    public const string PostingRateLimit = "posting";

    public static void AddAnnotations(this WebApplicationBuilder builder)
    {
        builder.Services.Configure<DiscussionOptions>(builder.Configuration.GetSection("Discussion"));
        builder.Services.AddSingleton<DiscussionFeed>();
        builder.Services.AddSingleton<VisitorDiscussions>();
        builder.Services.AddSingleton<LiveStreams>();
        builder.Services.AddSingleton<PanelPostingLimit>();
        builder.Services.AddHostedService(services => services.GetRequiredService<DiscussionFeed>());
        builder.Services.AddRateLimiter(limiter => limiter.AddPolicy(PostingRateLimit, context =>
            RateLimitPartition.GetFixedWindowLimiter(context.User.FindFirstValue(ClaimTypes.NameIdentifier) ?? "anonymous", _ => new FixedWindowRateLimiterOptions
            {
                PermitLimit = context.RequestServices.GetRequiredService<IOptions<DiscussionOptions>>().Value.PostsPerMinute,
                Window = TimeSpan.FromMinutes(1),
            })));
    }

    public static void MapAnnotations(this WebApplication app)
    {
        AnnotationEndpoints.Map(app);
        CommentEndpoints.Map(app);
        app.MapGet("/api/notes/{slug}/discussion/events", EventsAsync).ExcludeFromReadingCache().ExemptFromLoadShedding()
            .WithSummary("Server-sent events: a 'changed' event whenever the note's annotations or comments change.")
            .ProducesProblem(StatusCodes.Status429TooManyRequests).ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        // A visitor's panel, drawn again for the page (js/discussion.js) when the stream says the discussion changed.
        app.MapGet("/api/notes/{slug}/discussion", PanelAsync).ExcludeFromReadingCache().ExcludeFromDescription();
    }

    static async Task<IResult> PanelAsync(string slug, IDbContextFactory<StudyHubDbContext> contexts, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var address = await db.Notes.Where(n => n.Slug == slug).Select(n => n.Address).SingleOrDefaultAsync(cancellationToken);
        return address is null ? Results.NotFound() : new RazorComponentResult<DiscussionPanel>(new { Slug = slug, Address = address });
    }

    /// A visibility by its name only: Enum.TryParse would also take numbers ("42") and lists ("OnlyMe, Public").
    internal static bool TryVisibility(string? name, out AnnotationVisibility visibility)
    {
        visibility = Enum.GetValues<AnnotationVisibility>().FirstOrDefault(v => string.Equals(v.ToString(), name, StringComparison.OrdinalIgnoreCase));
        return string.Equals(visibility.ToString(), name, StringComparison.OrdinalIgnoreCase);
    }

    internal static Task<Guid?> NoteIdAsync(StudyHubDbContext db, string slug, CancellationToken cancellationToken) =>
        db.Notes.Where(n => n.Slug == slug).Select(n => (Guid?)n.Id).SingleOrDefaultAsync(cancellationToken);

    static async Task<IResult> EventsAsync(string slug, IDbContextFactory<StudyHubDbContext> contexts, DiscussionFeed feed, LiveStreams streams,
        HttpContext http, Draining draining, CancellationToken cancellationToken)
    {
        if (streams.TryOpen(http) is { } refusal)
        {
            return refusal;
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await NoteIdAsync(db, slug, cancellationToken) is { } noteId
            ? TypedResults.ServerSentEvents(Changes(feed, noteId, draining.Drained, cancellationToken))
            : Results.NotFound();
    }

    /// One event as the stream opens (a reconnecting reader may have missed changes), then one per change. When the
    /// instance stops, a last event asks the browser to reconnect in a second: by then it reaches another instance.
    static async IAsyncEnumerable<SseItem<string>> Changes(DiscussionFeed feed, Guid noteId, CancellationToken drained,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var watcher = feed.Watch(noteId);
        using var ended = CancellationTokenSource.CreateLinkedTokenSource(drained, cancellationToken);
        yield return new("watching", "changed");
        while (await Next(watcher, ended.Token))
        {
            yield return new("changed", "changed");
        }
        if (drained.IsCancellationRequested)
        {
            yield return new("stopping", "reconnect") { ReconnectionInterval = TimeSpan.FromSeconds(1) };
        }
    }

    static async Task<bool> Next(DiscussionFeed.Watcher watcher, CancellationToken cancellationToken)
    {
        try
        {
            await watcher.Changes.ReadAsync(cancellationToken);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
