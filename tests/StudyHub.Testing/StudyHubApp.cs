using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using StudyHub.Web.Data;
using StudyHub.Web.Features.Import;
using Xunit;

namespace StudyHub.Testing;

/// The app under test on its own database. Tests talk to it in the user's words.
public class StudyHubApp : WebApplicationFactory<Program>, IAsyncLifetime
{
    TestDatabase? _database;

    public TestDatabase Database => _database ?? throw new InvalidOperationException("The app's database is created in InitializeAsync.");

    public virtual async Task InitializeAsync() => _database = await TestDatabase.CreateAsync();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        // Outside Development the build's static web assets manifest is not read unless asked for.
        builder.UseStaticWebAssets();
        builder.UseSetting($"ConnectionStrings:{DatabaseEndpoint.ConnectionStringName}", Database.ConnectionString);
        builder.UseSetting("Database:MigrateOnStartup", "false");
        builder.UseSetting("Import:SampleVaultWhenEmpty", "false");
    }

    public async Task<ImportReport> ImportVaultAsync(string source, string? vault = null)
    {
        using var scope = Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<VaultImporter>().ImportAsync(source, vault, default);
    }

    public Task<ImportReport> ImportSampleVaultAsync() => ImportVaultAsync(RepositoryFiles.SampleVault, "cs224n");

    /// Starts the app on real Kestrel on a free loopback port, for browsers, and returns its address.
    public Uri StartKestrel()
    {
        UseKestrel(0);
        StartServer();
        var address = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal));
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (_database is not null)
        {
            await _database.DisposeAsync();
            _database = null;
        }
        GC.SuppressFinalize(this);
    }

    Task IAsyncLifetime.DisposeAsync() => DisposeAsync().AsTask();
}
