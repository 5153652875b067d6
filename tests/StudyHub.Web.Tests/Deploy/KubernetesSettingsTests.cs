using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using StudyHub.Testing;

namespace StudyHub.Web.Tests.Deploy;

/// No cluster here, so this runs what deploy/k8s runs, as it runs it: the migration Job's command with only the Job's
/// settings, then the app with the pods' settings (the ConfigMap of base and overlay, the Secret), swapping only what
/// names the cluster: the database and the port. TMPDIR is a folder of its own, as the pods' /tmp volume is.
public sealed class KubernetesSettingsTests
{
    static readonly string K8s = Path.Combine(RepositoryFiles.Root, "deploy", "k8s");

    [Fact]
    public async Task MigrationJobMigratesThenTheAppStartsReadyWithTheOverlaysSettings()
    {
        await using var database = await TestDatabase.CreateEmptyAsync();
        var temp = Directory.CreateTempSubdirectory("studyhub-k8s-tmp-");
        try
        {
            var job = new Dictionary<string, string>
            {
                ["ASPNETCORE_ENVIRONMENT"] = "Production",
                ["ConnectionStrings__StudyHub"] = database.ConnectionString,
                ["TMPDIR"] = temp.FullName,
            };
            var (exitCode, output) = await RunToEndAsync(["migrate"], job);
            Assert.True(exitCode == 0, $"`migrate` with the Job's settings exited with {exitCode}:\n{output}");

            var pod = EnvFile("base/studyhub.env")
                .Concat(EnvFile("overlays/example/studyhub.env"))
                .Concat(EnvFile("overlays/example/secrets.env"))
                .GroupBy(setting => setting.Key)
                .ToDictionary(settings => settings.Key, settings => settings.Last().Value);
            Assert.Equal("Production", pod["ASPNETCORE_ENVIRONMENT"]);
            Assert.Equal("false", pod["Database__MigrateOnStartup"]);
            var port = FreePort();
            pod["ConnectionStrings__StudyHub"] = database.ConnectionString;
            pod["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
            pod["TMPDIR"] = temp.FullName;

            using var app = Start([], pod);
            try
            {
                using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
                await WaitUntilReadyAsync(client, app);
                using var home = await client.GetAsync(new Uri("/", UriKind.Relative));
                Assert.Equal(HttpStatusCode.OK, home.StatusCode);
            }
            finally
            {
                app.Kill(entireProcessTree: true);
            }
        }
        finally
        {
            temp.Delete(recursive: true);
        }
    }

    /// KEY=value lines, as kustomize's configMapGenerator and secretGenerator read them.
    static IEnumerable<KeyValuePair<string, string>> EnvFile(string path) =>
        File.ReadAllLines(Path.Combine(K8s, path))
            .Where(line => line.Length > 0 && !line.StartsWith('#'))
            .Select(line => line.Split('=', 2))
            .Select(pair => KeyValuePair.Create(pair[0], pair[1]));

    static Process Start(string[] arguments, Dictionary<string, string> environment)
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

    static async Task<(int ExitCode, string Output)> RunToEndAsync(string[] arguments, Dictionary<string, string> environment)
    {
        using var process = Start(arguments, environment);
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        var standardOutput = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var standardError = process.StandardError.ReadToEndAsync(timeout.Token);
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await standardOutput + await standardError);
    }

    static async Task WaitUntilReadyAsync(HttpClient client, Process app)
    {
        var output = new System.Collections.Concurrent.ConcurrentQueue<string>();
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

    static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
