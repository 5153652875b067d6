using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.SignalR;

namespace StudyHub.Web.Infrastructure;

/// An instance that takes on every request it is sent answers none in time once they arrive faster than it can work:
/// each waits behind all the others, past the reader's patience, while the work for those given up goes on. So only so
/// many requests are worked on at once and a few more wait, briefly; the rest are answered 503 at once with when to ask
/// again, and those it takes on stay quick. Pages from the reading cache are answered before this (UseReadingCache).
public static class LoadShedding
{
    /// Refused requests ask to be sent again after this; a moment, since an overload is usually a burst.
    public const int RetryAfterSeconds = 1;

    public static void AddLoadShedding(this WebApplicationBuilder builder) =>
        builder.Services.Configure<LoadSheddingOptions>(builder.Configuration.GetSection("LoadShedding"));

    public static void UseLoadShedding(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<LoadSheddingOptions>>().Value;
        var working = new ConcurrencyLimiter(new ConcurrencyLimiterOptions
        {
            PermitLimit = options.Working,
            QueueLimit = options.Waiting,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        });
        var refusals = new Refusals(app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(LoadShedding)), options);
        app.Use(async (context, next) =>
        {
            if (IsExempt(context))
            {
                await next(context);
                return;
            }
            using var lease = await AcquireAsync(working, options.Wait, context.RequestAborted);
            if (lease is not { IsAcquired: true })
            {
                refusals.Count();
                context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
                context.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
                return;
            }
            await next(context);
        });
    }

    /// For endpoints that hold their request open for long and cost little meanwhile (live streams, uploads), which
    /// would keep places from the requests that are quick.
    public static TBuilder ExemptFromLoadShedding<TBuilder>(this TBuilder endpoints) where TBuilder : IEndpointConventionBuilder =>
        endpoints.WithMetadata(NotShed.Instance);

    /// Health probes answer what they are asked whatever the load; a circuit's connection lasts as long as its page.
    static bool IsExempt(HttpContext context) => context.GetEndpoint()?.Metadata is { } metadata
        && (metadata.GetMetadata<NotShed>() is not null || metadata.GetMetadata<HubMetadata>() is not null);

    /// A place among those at work, or null once the request waited its longest or its client went away.
    static async Task<RateLimitLease?> AcquireAsync(ConcurrencyLimiter working, TimeSpan wait, CancellationToken aborted)
    {
        using var waiting = CancellationTokenSource.CreateLinkedTokenSource(aborted);
        waiting.CancelAfter(wait);
        try
        {
            return await working.AcquireAsync(1, waiting.Token);
        }
        catch (OperationCanceledException)
        {
            return null;
        }
    }
}

/// An overloaded instance refuses hundreds of requests a second; the log hears of them at most every ten seconds.
sealed class Refusals(ILogger log, LoadSheddingOptions options)
{
    const long Interval = 10_000;
    long _unlogged;
    long _loggedAt = Environment.TickCount64 - Interval;

    public void Count()
    {
        Interlocked.Increment(ref _unlogged);
        var loggedAt = Interlocked.Read(ref _loggedAt);
        var now = Environment.TickCount64;
        if (now - loggedAt >= Interval && Interlocked.CompareExchange(ref _loggedAt, now, loggedAt) == loggedAt)
        {
            log.LogWarning("Refused {Count} requests for load since the last such line: {Working} at work and {Waiting} waiting at most",
                Interlocked.Exchange(ref _unlogged, 0), options.Working, options.Waiting);
        }
    }
}

/// `LoadShedding` in the configuration.
public sealed class LoadSheddingOptions
{
    /// Requests worked on at once by one instance.
    public int Working { get; set; } = 32;

    /// Requests that may wait for a place; more are refused at once.
    public int Waiting { get; set; } = 64;

    /// How long a request may wait for a place before it is refused.
    public TimeSpan Wait { get; set; } = TimeSpan.FromSeconds(1);
}

/// Endpoint metadata: never refused for load.
sealed class NotShed
{
    public static readonly NotShed Instance = new();
}
