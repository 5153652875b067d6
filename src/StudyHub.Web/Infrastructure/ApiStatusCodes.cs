using Microsoft.AspNetCore.Diagnostics;

namespace StudyHub.Web.Infrastructure;

public static class ApiStatusCodes
{
    /// Pages get the helpful 404 page; API callers get the bare status code they can act on.
    public static void UseBareStatusCodesForApis(this WebApplication app) =>
        app.Use((context, next) =>
        {
            if (context.Request.Path.StartsWithSegments("/api", StringComparison.Ordinal)
                && context.Features.Get<IStatusCodePagesFeature>() is { } statusCodePages)
            {
                statusCodePages.Enabled = false;
            }
            return next(context);
        });
}
