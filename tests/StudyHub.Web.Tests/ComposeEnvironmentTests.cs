using System.Net;
using System.Text.RegularExpressions;
using StudyHub.Testing;
using YamlDotNet.RepresentationModel;

namespace StudyHub.Web.Tests;

/// No Docker engine runs here, so this starts the app with exactly the environment docker-compose.yml
/// and the Dockerfile give it, swapping only what names the containers: the database host, the port
/// and the image's copy of the sample vault.
public sealed partial class ComposeEnvironmentTests
{
    [Fact]
    public async Task AppStartsWithTheComposeEnvironmentMigratesAndImportsTheSampleVault()
    {
        await using var database = await TestDatabase.CreateEmptyAsync();
        var environment = DockerfileEnvironment().Concat(ComposeEnvironment("app")).ToDictionary();
        Assert.Equal("Production", environment["ASPNETCORE_ENVIRONMENT"]);
        Assert.StartsWith("Host=db;", environment["ConnectionStrings__StudyHub"], StringComparison.Ordinal);
        Assert.Equal("/app/samples/cs224n", environment["Import__SampleVault"]);

        var port = AppProcess.FreePort();
        environment["ConnectionStrings__StudyHub"] = database.ConnectionString;
        environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        environment["Import__SampleVault"] = RepositoryFiles.SampleVault;

        using var app = AppProcess.Start([], environment);
        try
        {
            using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            await AppProcess.WaitUntilReadyAsync(client, app);
            var home = await client.GetStringAsync(new Uri("/", UriKind.Relative));
            Assert.Contains("Multimodal Deep Learning", home, StringComparison.Ordinal);
        }
        finally
        {
            app.Kill(entireProcessTree: true);
        }
    }

    static IEnumerable<KeyValuePair<string, string>> ComposeEnvironment(string service)
    {
        var yaml = new YamlStream();
        using (var reader = File.OpenText(Path.Combine(RepositoryFiles.Root, "docker-compose.yml")))
        {
            yaml.Load(reader);
        }
        var services = (YamlMappingNode)((YamlMappingNode)yaml.Documents[0].RootNode)["services"];
        var environment = (YamlMappingNode)((YamlMappingNode)services[service])["environment"];
        return environment.Children.Select(entry => KeyValuePair.Create(
            ((YamlScalarNode)entry.Key).Value!, ComposeDefault().Replace(((YamlScalarNode)entry.Value).Value!, "$1")));
    }

    static IEnumerable<KeyValuePair<string, string>> DockerfileEnvironment()
    {
        var dockerfile = File.ReadAllText(Path.Combine(RepositoryFiles.Root, "Dockerfile")).Replace("\\\n", " ", StringComparison.Ordinal);
        return dockerfile.Split('\n')
            .Where(line => line.StartsWith("ENV ", StringComparison.Ordinal))
            .SelectMany(line => line[4..].Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Select(pair => pair.Split('=', 2))
            .Select(pair => KeyValuePair.Create(pair[0], pair[1]));
    }

    [GeneratedRegex(@"\$\{[A-Z_]+:-([^}]*)\}")]
    private static partial Regex ComposeDefault();
}
