using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace StudyHub.Web.Infrastructure;

public static class DrainingExtensions
{
    public static void AddDraining(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<Draining>();
        builder.Services.AddHostedService(services => services.GetRequiredService<Draining>());
        builder.Services.AddHealthChecks().AddCheck<Draining>("draining", tags: ["ready"]);
        builder.Services.AddOptions<HostOptions>()
            .Configure<Draining>((host, draining) => host.ShutdownTimeout = draining.Period + Draining.InFlightRequests);
    }
}

/// How an instance stops behind a load balancer: at once /readyz answers 503, so no new traffic is sent its way, yet it
/// serves everything for the drain period (`Shutdown:DrainSeconds`) while the balancer notices; then live streams end
/// and the server gives the requests still in flight 30 s to finish.
sealed class Draining(IConfiguration configuration, IHostEnvironment environment, ILogger<Draining> logger)
    : IHostedLifecycleService, IHealthCheck, IDisposable
{
    public static readonly TimeSpan InFlightRequests = TimeSpan.FromSeconds(30);

    readonly CancellationTokenSource _drained = new();
    volatile bool _stopping;

    /// Behind a balancer (production) it needs a few seconds to stop sending requests; alone, nothing needs waiting for.
    public TimeSpan Period { get; } = TimeSpan.FromSeconds(
        configuration.GetValue<double?>("Shutdown:DrainSeconds") ?? (environment.IsProduction() ? 5 : 0));

    /// Cancelled when the drain period is over: what stays open for long (live streams) ends then.
    public CancellationToken Drained => _drained.Token;

    public async Task StoppingAsync(CancellationToken cancellationToken)
    {
        // A host may be stopped twice (a test, then its disposal); the second has nothing left to drain.
        if (_stopping)
        {
            return;
        }
        _stopping = true;
        logger.LogInformation("Stopping: not ready any more, serving for another {Seconds} s", Period.TotalSeconds);
        try
        {
            await Task.Delay(Period, cancellationToken);
        }
        finally
        {
            await _drained.CancelAsync();
        }
    }

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(_stopping ? HealthCheckResult.Unhealthy("Stopping") : HealthCheckResult.Healthy());

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public void Dispose() => _drained.Dispose();
}
