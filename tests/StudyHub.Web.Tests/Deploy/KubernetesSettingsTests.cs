using System.Net;
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
            var port = AppProcess.FreePort();
            pod["ConnectionStrings__StudyHub"] = database.ConnectionString;
            pod["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
            pod["TMPDIR"] = temp.FullName;

            using var app = AppProcess.Start([], pod);
            try
            {
                using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
                await AppProcess.WaitUntilReadyAsync(client, app);
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

    static async Task<(int ExitCode, string Output)> RunToEndAsync(string[] arguments, Dictionary<string, string> environment)
    {
        using var process = AppProcess.Start(arguments, environment);
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        var standardOutput = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var standardError = process.StandardError.ReadToEndAsync(timeout.Token);
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await standardOutput + await standardError);
    }
}
