using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace StudyHub.Web.Tests;

/// The app as a process of its own with only the environment it is given, as a container or a pod runs it.
static class AppProcess
{
    public static Process Start(string[] arguments, IReadOnlyDictionary<string, string> environment)
    {
        var app = typeof(Program).Assembly.Location;
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = Path.GetDirectoryName(app)!, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(app);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }
        return Process.Start(start)!;
    }

    /// Until /readyz answers 200; if the app exits first, fails with the last of what it wrote.
    public static async Task WaitUntilReadyAsync(HttpClient client, Process app)
    {
        var output = new ConcurrentQueue<string>();
        app.OutputDataReceived += (_, line) => output.Enqueue(line.Data ?? "");
        app.ErrorDataReceived += (_, line) => output.Enqueue(line.Data ?? "");
        app.BeginOutputReadLine();
        app.BeginErrorReadLine();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        while (true)
        {
            if (app.HasExited)
            {
                app.WaitForExit();
                Assert.Fail($"The app exited with code {app.ExitCode} before it was ready:\n{string.Join('\n', output.TakeLast(20))}");
            }
            try
            {
                using var response = await client.GetAsync(new Uri("/readyz", UriKind.Relative), timeout.Token);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            await Task.Delay(200, timeout.Token);
        }
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
