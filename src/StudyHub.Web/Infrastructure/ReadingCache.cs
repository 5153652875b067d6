using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Net.Http.Headers;
using StudyHub.Web.Features.Sharing;

namespace StudyHub.Web.Infrastructure;

/// Anonymous reading pages come from an output cache. Its keys carry the content version (ContentCache), so an import,
/// a correction or a change of access from any process (the web upload, the command line, an editor) retires every
/// cached page within seconds.
public static class ReadingCache
{
    public static void AddReadingCache(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<ContentCache>();
        builder.Services.AddOutputCache(options => options.AddBasePolicy(new ReadingPagePolicy()));
    }

    public static void UseReadingCache(this WebApplication app)
    {
        // Headers can only change before the response starts, which for Blazor is before any policy sees it.
        app.Use((context, next) =>
        {
            if (ReadingPagePolicy.IsReadingRequest(context))
            {
                context.Response.OnStarting(() =>
                {
                    ReadingPagePolicy.DropAntiforgeryCookie(context.Response);
                    return Task.CompletedTask;
                });
            }
            return next(context);
        });
        app.UseOutputCache();
    }

    /// Keeps this response out of the cache: it shows something older than the content version it would be stored under.
    public static void DoNotStore(HttpContext? context)
    {
        if (context?.Features.Get<IOutputCacheFeature>() is { } cache)
        {
            cache.Context.AllowCacheStorage = false;
        }
    }

    /// For endpoints under a cached path whose answers change without an import, such as a note's discussion.
    public static TBuilder ExcludeFromReadingCache<TBuilder>(this TBuilder endpoints) where TBuilder : IEndpointConventionBuilder =>
        endpoints.WithMetadata(NotCached.Instance);
}

/// Endpoint metadata: never served from or stored in the reading cache.
sealed class NotCached
{
    public static readonly NotCached Instance = new();
}

/// Blazor's static rendering issues an antiforgery cookie with every page, which the default policy rightly
/// refuses to cache. Reading pages hold no form that posts, so for them the cookie is dropped and the page
/// shared; any other cookie still keeps a response out of the cache.
sealed class ReadingPagePolicy : IOutputCachePolicy
{
    static readonly string[] CachedPrefixes = ["/notes", "/vaults", "/concepts", "/tags", "/api/notes", "/api/previews", "/sitemap.xml"];

    public async ValueTask CacheRequestAsync(OutputCacheContext context, CancellationToken cancellation)
    {
        var cacheable = IsReadingRequest(context.HttpContext);
        context.EnableOutputCaching = cacheable;
        context.AllowCacheLookup = cacheable;
        context.AllowCacheStorage = cacheable;
        context.AllowLocking = true;
        if (!cacheable)
        {
            return;
        }
        context.CacheVaryByRules.QueryKeys = "*";
        context.CacheVaryByRules.VaryByHost = true;
        context.CacheVaryByRules.CacheKeyPrefix = await context.HttpContext.RequestServices.GetRequiredService<ContentCache>().VersionAsync(cancellation);
        context.ResponseExpirationTimeSpan = TimeSpan.FromMinutes(10);
    }

    public ValueTask ServeFromCacheAsync(OutputCacheContext context, CancellationToken cancellation) => ValueTask.CompletedTask;

    public ValueTask ServeResponseAsync(OutputCacheContext context, CancellationToken cancellation)
    {
        var response = context.HttpContext.Response;
        if (response.StatusCode != StatusCodes.Status200OK || response.Headers.SetCookie.Count > 0)
        {
            context.AllowCacheStorage = false;
        }
        return ValueTask.CompletedTask;
    }

    public static bool IsReadingRequest(HttpContext context) =>
        (HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method))
        && context.User.Identity?.IsAuthenticated != true
        && context.GetEndpoint()?.Metadata.GetMetadata<NotCached>() is null
        // A share link's holder may read a note that others may not.
        && !context.Request.Cookies.ContainsKey(SharingFeature.Cookie)
        && (context.Request.Path == "/" || CachedPrefixes.Any(prefix => context.Request.Path.StartsWithSegments(prefix, StringComparison.Ordinal)));

    public static void DropAntiforgeryCookie(HttpResponse response)
    {
        var others = response.Headers.SetCookie.Where(cookie => cookie?.StartsWith(".AspNetCore.Antiforgery.", StringComparison.Ordinal) != true).ToArray();
        if (others.Length == response.Headers.SetCookie.Count)
        {
            return;
        }
        response.Headers.SetCookie = others;
        response.Headers.Remove(HeaderNames.Pragma);
        response.Headers.CacheControl = "no-cache";
    }
}
