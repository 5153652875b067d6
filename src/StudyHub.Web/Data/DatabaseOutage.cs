using System.Net.Sockets;
using Microsoft.AspNetCore.Diagnostics;
using Npgsql;

namespace StudyHub.Web.Data;

/// When PostgreSQL cannot be reached (restarting, down, or the network to it cut), a request that needs it is answered
/// at once with 503 and when to ask again, instead of a 500 that says nothing. Pages from the reading cache still answer
/// (ContentCache keeps its last version meanwhile).
public sealed class DatabaseOutage(ILogger<DatabaseOutage> logger) : IExceptionHandler
{
    /// Seconds a client is asked to wait: about what PostgreSQL takes to restart.
    public const int RetryAfterSeconds = 5;

    /// Whether the exception, or one it wraps, says the database could not be reached, rather than that a query failed.
    public static bool IsOutage(Exception exception)
    {
        for (var inner = exception; inner is not null; inner = inner.InnerException)
        {
            if (inner is NpgsqlException { IsTransient: true } or SocketException)
            {
                return true;
            }
        }
        return false;
    }

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (!IsOutage(exception) || httpContext.Response.HasStarted)
        {
            return false;
        }
        logger.LogWarning("The database could not be reached for {Path}: {Reason}", httpContext.Request.Path, exception.GetBaseException().Message);
        httpContext.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        httpContext.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        const string Message = "StudyHub cannot reach its database just now. Try again in a few seconds.";
        if (httpContext.Request.Path.StartsWithSegments("/api", StringComparison.Ordinal))
        {
            await httpContext.Response.WriteAsJsonAsync(new { title = Message, status = StatusCodes.Status503ServiceUnavailable },
                options: null, contentType: "application/problem+json", cancellationToken);
        }
        else
        {
            httpContext.Response.ContentType = "text/html; charset=utf-8";
            await httpContext.Response.WriteAsync($"<!DOCTYPE html><html lang=\"en\"><title>Try again shortly · StudyHub</title><p>{Message}</p></html>", cancellationToken);
        }
        return true;
    }
}
