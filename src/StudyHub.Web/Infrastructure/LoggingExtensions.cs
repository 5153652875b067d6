using Serilog;

namespace StudyHub.Web.Infrastructure;

public static class LoggingExtensions
{
    /// Sinks and levels come from the Serilog section of appsettings: a readable console in
    /// Development, compact JSON in Production.
    public static void AddLogging(this WebApplicationBuilder builder) =>
        builder.Services.AddSerilog((services, logger) => logger
            .ReadFrom.Configuration(builder.Configuration)
            .ReadFrom.Services(services)
            .Enrich.FromLogContext());
}
