namespace StudyHub.Web.Infrastructure;

/// Headers that keep a page from running anything but our own scripts: notes, file names and comments are
/// written by others, and even if some markup slipped through, the browser would refuse to run it.
public static class SecurityHeaders
{
    public static void UseSecurityHeaders(this WebApplication app)
    {
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

    /// Scripts only from this site and YouTube's player API; frames only from the video players; styles may be
    /// inline because KaTeX positions math with style attributes. Sign-in forms may post on to the configured
    /// OpenID Connect provider.
    public static string ContentSecurityPolicy(IConfiguration configuration)
    {
        var formTargets = configuration["Authentication:OpenIdConnect:Authority"] is { Length: > 0 } authority
            && Uri.TryCreate(authority, UriKind.Absolute, out var provider)
            ? $"'self' {provider.GetLeftPart(UriPartial.Authority)}"
            : "'self'";
        return string.Join("; ",
            "default-src 'self'",
            "script-src 'self' https://www.youtube.com",
            "style-src 'self' 'unsafe-inline'",
            "img-src 'self' data: https:",
            "media-src 'self' https:",
            "font-src 'self' data:",
            "connect-src 'self'",
            "frame-src https://www.youtube-nocookie.com https://www.youtube.com https://player.vimeo.com",
            "object-src 'none'",
            "base-uri 'self'",
            $"form-action {formTargets}",
            "frame-ancestors 'self'");
    }
}
