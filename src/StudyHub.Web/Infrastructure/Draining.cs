using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets;
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
        // Kestrel binds with the last transport registered, so with this one, around its own sockets.
        builder.Services.AddSingleton(services => new DrainingListeners(ActivatorUtilities.CreateInstance<SocketTransportFactory>(services)));
        builder.Services.AddSingleton<IConnectionListenerFactory>(services => services.GetRequiredService<DrainingListeners>());
    }

    /// While the instance drains, each answer closes its connection, so that the connections open when stopping began
    /// are gone by the end of the drain instead of being closed under a request the proxy has just sent on them.
    public static void UseDraining(this WebApplication app)
    {
        var draining = app.Services.GetRequiredService<Draining>();
        app.Use((context, next) =>
        {
            if (draining.Stopping.IsCancellationRequested && HttpProtocol.IsHttp11(context.Request.Protocol))
            {
                context.Response.Headers.Connection = "close";
            }
            return next(context);
        });
    }
}

/// How an instance stops behind a load balancer: at once it takes no new connections and /readyz answers 503, so no
/// new traffic is sent its way, yet it serves the connections it has for the drain period (`Shutdown:DrainSeconds`)
/// while the balancer notices; then live streams end and the server gives the requests still in flight 30 s to finish.
sealed class Draining(DrainingListeners listeners, IConfiguration configuration, IHostEnvironment environment, ILogger<Draining> logger)
    : IHostedLifecycleService, IHealthCheck, IDisposable
{
    public static readonly TimeSpan InFlightRequests = TimeSpan.FromSeconds(30);

    readonly CancellationTokenSource _stopping = new();
    readonly CancellationTokenSource _drained = new();

    /// Behind a balancer (production) it needs a few seconds to stop sending requests; alone, nothing needs waiting for.
    public TimeSpan Period { get; } = TimeSpan.FromSeconds(
        configuration.GetValue<double?>("Shutdown:DrainSeconds") ?? (environment.IsProduction() ? 5 : 0));

    /// Cancelled when the drain period is over: what stays open for long (live streams) ends then.
    public CancellationToken Drained => _drained.Token;

    /// Cancelled as stopping begins.
    public CancellationToken Stopping => _stopping.Token;

    public async Task StoppingAsync(CancellationToken cancellationToken)
    {
        // A host may be stopped twice (a test, then its disposal); the second has nothing left to drain.
        if (_stopping.IsCancellationRequested)
        {
            return;
        }
        await _stopping.CancelAsync();
        await listeners.StopAcceptingAsync();
        logger.LogInformation("Stopping: not ready and taking no new connections, serving open ones for another {Seconds} s", Period.TotalSeconds);
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
        Task.FromResult(_stopping.IsCancellationRequested ? HealthCheckResult.Unhealthy("Stopping") : HealthCheckResult.Healthy());

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public void Dispose()
    {
        _stopping.Dispose();
        _drained.Dispose();
    }
}

/// Kestrel's listening sockets, closed as stopping begins while the connections they accepted go on. A proxy's new
/// connection is then refused, which it may retry on another instance whatever the request, since nothing was sent.
/// Left to Kestrel, they closed at the end of the drain together with the idle connections, on which nginx had at times
/// just sent a request that it cannot retry when it is a POST: a 502 (docs/reliability.md).
sealed class DrainingListeners(SocketTransportFactory sockets) : IConnectionListenerFactory
{
    readonly ConcurrentQueue<IConnectionListener> _listeners = new();

    public async ValueTask<IConnectionListener> BindAsync(EndPoint endpoint, CancellationToken cancellationToken = default)
    {
        var listener = await sockets.BindAsync(endpoint, cancellationToken);
        _listeners.Enqueue(listener);
        return listener;
    }

    /// Kestrel unbinds each again when it stops, which does nothing more.
    public async Task StopAcceptingAsync()
    {
        foreach (var listener in _listeners)
        {
            await listener.UnbindAsync();
        }
    }
}
