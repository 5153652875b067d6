namespace StudyHub.Web.Infrastructure;

public static class RateLimits
{
    /// Every feature's limiter refuses with 429, which says "try again later", instead of the framework's 503.
    /// The policies themselves live with their features (sign-in, posting).
    public static void AddRateLimits(this WebApplicationBuilder builder) =>
        builder.Services.AddRateLimiter(limiter => limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests);
}
