using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using StudyHub.Testing;

namespace StudyHub.Browser.Tests;

/// deploy/local/cluster.sh for one test class: PostgreSQL, three instances of the app this test run built (Production)
/// and nginx in front of them, on loopback, with two signed-up readers. Stopped, and its folder removed, afterwards.
public sealed class LocalCluster : IAsyncLifetime
{
    public const int Instances = 3;
    public const string Annotator = "annotator@example.org";
    public const string Classmate = "classmate@example.org";

    readonly string _folder = Path.Combine(Path.GetTempPath(), $"studyhub-cluster-test-{Environment.ProcessId}");
    int _port;

    /// nginx, which spreads requests over the instances round robin.
    public Uri Proxy => new($"http://127.0.0.1:{_port}/");

    /// Instance n (1 to 3) directly, without nginx.
    public Uri Instance(int n) => new($"http://127.0.0.1:{_port + n}/");

    public IEnumerable<Uri> EveryInstance => Enumerable.Range(1, Instances).Select(Instance);

    public async Task InitializeAsync()
    {
        // The build this test run made, published (which gathers its static files) rather than built again in Release.
        var build = new DirectoryInfo(AppContext.BaseDirectory);
        await RunAsync("dotnet", "publish", Path.Combine(RepositoryFiles.Root, "src", "StudyHub.Web"), "--no-build", "-c", build.Parent!.Name,
            "-o", AppFolder, "--nologo", "-v", "quiet");
        _port = FreePorts();
        await ScriptAsync("start");
        // Admins, so that one may also upload vaults; both read members' annotations.
        await Task.WhenAll(ScriptAsync("app", "create-admin", Annotator, "--password", StudyHubApp.Password),
            ScriptAsync("app", "create-admin", Classmate, "--password", StudyHubApp.Password));
    }

    public async Task DisposeAsync()
    {
        await ScriptAsync("stop");
        Directory.Delete(_folder, recursive: true);
    }

    /// Runs the harness script, failing with what it printed when it fails (a missing nginx says how to install it).
    Task ScriptAsync(params string[] arguments) => RunAsync(Path.Combine(RepositoryFiles.Root, "deploy", "local", "cluster.sh"), arguments);

    async Task RunAsync(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment =
            {
                ["CLUSTER_DIR"] = _folder,
                ["CLUSTER_PORT"] = _port.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["INSTANCES"] = Instances.ToString(System.Globalization.CultureInfo.InvariantCulture),
                // Bounded even if this test process is killed before it can stop the cluster.
                ["CLUSTER_MINUTES"] = "10",
                ["STUDYHUB_APP_DIR"] = AppFolder,
                // The journeys sign in and post faster than a person; the rate limits have their own tests.
                ["Accounts__SignInPermitsPerMinute"] = "100000",
                ["Discussion__PostsPerMinute"] = "100000",
            },
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        using var script = Process.Start(start)!;
        var output = script.StandardOutput.ReadToEndAsync();
        var errors = script.StandardError.ReadToEndAsync();
        await script.WaitForExitAsync(new CancellationTokenSource(TimeSpan.FromMinutes(3)).Token);
        if (script.ExitCode != 0)
        {
            throw new InvalidOperationException($"{Path.GetFileName(program)} {string.Join(' ', arguments)} failed: {await errors}{await output}{InstanceLogs()}");
        }
    }

    string AppFolder => Path.Combine(_folder, "app");

    /// The end of each instance's log, since the folder is removed with the cluster and CI keeps only the test's message.
    string InstanceLogs() => string.Concat(
        Directory.Exists(_folder) ? Directory.GetFiles(_folder, "app-*.log").Order().Select(log =>
            $"\n--- {Path.GetFileName(log)}:\n{string.Join('\n', File.ReadLines(log).TakeLast(30))}") : []);

    /// A port for nginx whose neighbours (the instances) and port + 20 (PostgreSQL) are free too. Below Linux's ephemeral
    /// range (32768 and up), from which the other tests' connections take their local ports: an instance whose port
    /// one of them holds fails to start.
    static int FreePorts()
    {
        for (var attempt = 0; ; attempt++)
        {
            var port = Random.Shared.Next(20000, 32700);
            if (Enumerable.Range(0, Instances + 1).Append(20).All(offset => IsFree(port + offset)) || attempt == 20)
            {
                return port;
            }
        }
    }

    static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
