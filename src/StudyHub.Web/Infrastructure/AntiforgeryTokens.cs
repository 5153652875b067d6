using Microsoft.AspNetCore.Antiforgery;

namespace StudyHub.Web.Infrastructure;

public sealed record AntiforgeryToken(string HeaderName, string Token);

public static class AntiforgeryTokens
{
    /// The token that scripts send back with every request that changes data, whichever feature it goes to.
    public static void MapAntiforgeryToken(this WebApplication app) =>
        app.MapGet("/api/antiforgery", (IAntiforgery antiforgery, HttpContext http) =>
        {
            var tokens = antiforgery.GetAndStoreTokens(http);
            return Results.Ok(new AntiforgeryToken(tokens.HeaderName!, tokens.RequestToken!));
        }).ExcludeFromReadingCache().WithSummary("A token for requests that change data, sent back in the named header.");

    /// The framework checks antiforgery only on endpoints that bind a form; these are checked whatever they take.
    public static TBuilder RequireAntiforgeryToken<TBuilder>(this TBuilder endpoints) where TBuilder : IEndpointConventionBuilder =>
        endpoints.AddEndpointFilter(async (context, next) =>
            await context.HttpContext.RequestServices.GetRequiredService<IAntiforgery>().IsRequestValidAsync(context.HttpContext)
                ? await next(context)
                : Results.BadRequest("A valid antiforgery token is required (GET /api/antiforgery, or the form's own token)."));
}
