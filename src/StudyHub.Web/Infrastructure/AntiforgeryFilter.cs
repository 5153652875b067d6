using Microsoft.AspNetCore.Antiforgery;

namespace StudyHub.Web.Infrastructure;

public static class AntiforgeryFilter
{
    /// The framework checks antiforgery only on endpoints that bind a form; these are checked whatever they take.
    public static TBuilder RequireAntiforgeryToken<TBuilder>(this TBuilder endpoints) where TBuilder : IEndpointConventionBuilder =>
        endpoints.AddEndpointFilter(async (context, next) =>
            await context.HttpContext.RequestServices.GetRequiredService<IAntiforgery>().IsRequestValidAsync(context.HttpContext)
                ? await next(context)
                : Results.BadRequest("A valid antiforgery token is required (GET /api/antiforgery, or the form's own token)."));
}
