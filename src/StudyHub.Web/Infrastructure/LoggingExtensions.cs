using System.Text.RegularExpressions;
using Serilog;
using Serilog.Core;
using Serilog.Events;

namespace StudyHub.Web.Infrastructure;

public static partial class LoggingExtensions
{
    /// Sinks and levels come from the Serilog section of appsettings: a readable console in
    /// Development, compact JSON in Production. The app keeps its logger to itself rather than in Serilog's static
    /// `Log.Logger`, which holds one logger per process: two hosts in one process would write to each other's sinks.
    public static void AddLogging(this WebApplicationBuilder builder) =>
        builder.Services.AddSerilog((services, logger) => logger
            .ReadFrom.Configuration(builder.Configuration)
            .ReadFrom.Services(services)
            .Enrich.FromLogContext()
            .Enrich.With<ShareTokensRedacted>(), preserveStaticLogger: true);

    /// One event per request, written by the app's own logger (the middleware's default is the static one).
    public static void UseRequestLogging(this WebApplication app) =>
        app.UseSerilogRequestLogging(options => options.Logger = app.Services.GetRequiredService<Serilog.ILogger>());

    /// A share token in a log is a share link for whoever reads the log; the request's path is written without it,
    /// in request logs and in every event logged during the request.
    sealed partial class ShareTokensRedacted : ILogEventEnricher
    {
        public void Enrich(LogEvent logEvent, ILogEventPropertyFactory propertyFactory)
        {
            if (logEvent.Properties.TryGetValue("RequestPath", out var value) && value is ScalarValue { Value: string path }
                && ShareToken().IsMatch(path))
            {
                logEvent.AddOrUpdateProperty(new LogEventProperty("RequestPath", new ScalarValue(ShareToken().Replace(path, "/$1/…"))));
            }
        }

        [GeneratedRegex("^/(shared|shares)/[^/?]+", RegexOptions.IgnoreCase)]
        private static partial Regex ShareToken();
    }
}
