using Microsoft.AspNetCore.Components.Server.Circuits;

namespace StudyHub.Web.Infrastructure;

/// How many Blazor Server circuits (signed-in readers' discussion panels) an instance holds. Each keeps its components
/// and its reader's discussion in the instance's memory while its page is open (docs/benchmarks.md, "Circuits").
public sealed class CircuitLimits
{
    /// Circuits open at once. Past it, a signed-in reader's note page gets the discussion a visitor gets, which follows
    /// changes but takes no posts, and says so; a page asking for one more anyway is refused (503).
    public int Open { get; set; } = 1000;

    /// Largest message a page may send over its circuit. The page sends what a reader types, a selected passage within
    /// the discussion's limits (10,000 characters, up to 3 bytes each), and small events.
    public int MessageBytes { get; set; } = 64 * 1024;
}

public static class Circuits
{
    public static void AddCircuits(this WebApplicationBuilder builder)
    {
        var limits = builder.Configuration.GetSection("Circuits").Get<CircuitLimits>() ?? new();
        builder.Services.AddSingleton(limits);
        builder.Services.AddSingleton<OpenCircuits>();
        builder.Services.AddSingleton<CircuitHandler>(services => services.GetRequiredService<OpenCircuits>());
        builder.Services.AddRazorComponents().AddInteractiveServerComponents()
            .AddHubOptions(hub => hub.MaximumReceiveMessageSize = limits.MessageBytes);
    }

    /// Refuses a new circuit's connection while the instance holds as many as it may; the next page may ask again. A
    /// note page drawn then does not ask (NotePage), so this refuses only a page drawn in the moment before.
    public static void UseCircuitLimit(this WebApplication app)
    {
        var open = app.Services.GetRequiredService<OpenCircuits>();
        app.UseWhen(context => context.Request.Path.StartsWithSegments("/_blazor/negotiate"), branch => branch.Use(async (context, next) =>
        {
            if (!open.HasRoom)
            {
                context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
                context.Response.Headers.RetryAfter = "60";
                await context.Response.WriteAsync("This server holds as many live discussions as it may; the page keeps the discussion as it was drawn.");
                return;
            }
            await next(context);
        }));
    }
}

/// The circuits this instance holds now, connected or waiting for their page to come back.
public sealed class OpenCircuits(ILogger<OpenCircuits> log, CircuitLimits limits) : CircuitHandler
{
    int _count;

    public int Count => Volatile.Read(ref _count);

    /// Whether the instance may open one more circuit now.
    public bool HasRoom => Count < limits.Open;

    public override Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        if (Interlocked.Increment(ref _count) == limits.Open)
        {
            log.LogWarning("This instance holds {Circuits} circuits, its limit (Circuits:Open); new ones are refused until some close", limits.Open);
        }
        return Task.CompletedTask;
    }

    public override Task OnCircuitClosedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        Interlocked.Decrement(ref _count);
        return Task.CompletedTask;
    }
}
