namespace StudyHub.Web.Infrastructure;

/// Headers that keep a page from running anything but our own scripts: notes, file names and comments are
/// written by others, and even if some markup slipped through, the browser would refuse to run it.
public static class SecurityHeaders
{
    public static void UseSecurityHeaders(this WebApplication app)
    {
        if (app.Environment.IsProduction())
        {
            app.UseHsts();
            // A proxy that forwards HTTPS as plain HTTP must not make the app send session cookies without Secure.
            app.UseCookiePolicy(new CookiePolicyOptions { Secure = CookieSecurePolicy.Always });
        }
        var policy = ContentSecurityPolicy(app.Configuration);
        app.Use((context, next) =>
        {
            context.Response.OnStarting(() =>
            {
                var headers = context.Response.Headers;
                // Responses with a policy of their own, such as attachments, keep theirs.
                if (!headers.ContainsKey("Content-Security-Policy"))
                {
                    headers.ContentSecurityPolicy = policy;
                }
                headers.XContentTypeOptions = "nosniff";
                headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
                return Task.CompletedTask;
            });
            return next(context);
        });
    }

    /// Scripts only from this site and the two paths of YouTube's IFrame API (the loader and the player script it
    /// loads), which also admits PDF.js and its worker, served from here (wwwroot/lib/pdfjs) and never eval; frames only
    /// from this site and the video players; images only from this site, so
    /// that an image in a comment cannot report every reader's address to whoever wrote it; styles may be inline
    /// because KaTeX positions math with style attributes. Sign-in forms may post on to the configured OpenID
    /// Connect provider.
    public static string ContentSecurityPolicy(IConfiguration configuration)
    {
        var formTargets = configuration["Authentication:OpenIdConnect:Authority"] is { Length: > 0 } authority
            && Uri.TryCreate(authority, UriKind.Absolute, out var provider)
            ? $"'self' {provider.GetLeftPart(UriPartial.Authority)}"
            : "'self'";
        return string.Join("; ",
            "default-src 'self'",
            "script-src 'self' https://www.youtube.com/iframe_api https://www.youtube.com/s/player/",
            "style-src 'self' 'unsafe-inline'",
            "img-src 'self' data:",
            "media-src 'self' https:",
            "font-src 'self' data:",
            "connect-src 'self'",
            "frame-src 'self' https://www.youtube-nocookie.com https://www.youtube.com https://player.vimeo.com",
            "object-src 'none'",
            "base-uri 'self'",
            $"form-action {formTargets}",
            "frame-ancestors 'self'");
    }
}
