using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql;
using StudyHub.Web.Data;

namespace StudyHub.Testing;

/// An isolated database for one test class, cloned from a template that was migrated once per test run.
public sealed class TestDatabase : IAsyncDisposable
{
    static readonly SemaphoreSlim TemplateGate = new(1, 1);
    static string? _template;

    readonly PostgresServer _server;

    TestDatabase(PostgresServer server, string name)
    {
        _server = server;
        Name = name;
    }

    public string Name { get; }
    public string ConnectionString => _server.ConnectionString(Name);

    public static async Task<TestDatabase> CreateAsync()
    {
        var server = await PostgresServer.GetAsync();
        var template = await MigratedTemplateAsync(server);
        var name = $"studyhub_test_{Guid.NewGuid():N}";
        await ExecuteAsync(server, $"CREATE DATABASE \"{name}\" TEMPLATE \"{template}\"");
        return new TestDatabase(server, name);
    }

    /// A database with no schema at all, for testing what happens before migrations.
    public static async Task<TestDatabase> CreateEmptyAsync()
    {
        var server = await PostgresServer.GetAsync();
        var name = $"studyhub_empty_{Guid.NewGuid():N}";
        await ExecuteAsync(server, $"CREATE DATABASE \"{name}\"");
        return new TestDatabase(server, name);
    }

    public StudyHubDbContext CreateContext() =>
        new StudyHubDbContext(new DbContextOptionsBuilder<StudyHubDbContext>().UseNpgsql(ConnectionString).Options).ReadingAsSystem();

    /// Undoes <paramref name="migration"/> and those after it, leaving the database as the build before it left it: for
    /// tests of what a migration does to rows stored before it (MigrateToLatestAsync then).
    public async Task MigrateToBeforeAsync(string migration)
    {
        await using var db = CreateContext();
        var migrations = db.Database.GetMigrations().ToList();
        await db.GetService<IMigrator>().MigrateAsync(migrations[migrations.FindIndex(m => m.EndsWith($"_{migration}", StringComparison.Ordinal)) - 1]);
    }

    public async Task MigrateToLatestAsync()
    {
        await using var db = CreateContext();
        await db.Database.MigrateAsync();
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await ExecuteAsync(_server, $"DROP DATABASE IF EXISTS \"{Name}\" WITH (FORCE)");
    }

    static async Task<string> MigratedTemplateAsync(PostgresServer server)
    {
        await TemplateGate.WaitAsync();
        try
        {
            if (_template is not null)
            {
                return _template;
            }
            var name = $"studyhub_template_{Guid.NewGuid():N}";
            await ExecuteAsync(server, $"CREATE DATABASE \"{name}\"");
            var connection = new NpgsqlConnectionStringBuilder(server.ConnectionString(name)) { Pooling = false }.ConnectionString;
            await using (var db = new StudyHubDbContext(new DbContextOptionsBuilder<StudyHubDbContext>().UseNpgsql(connection).Options))
            {
                await db.Database.MigrateAsync();
            }
            AppDomain.CurrentDomain.ProcessExit += (_, _) => DropQuietly(server, name);
            return _template = name;
        }
        finally
        {
            TemplateGate.Release();
        }
    }

    // At process exit a local cluster may already be gone with the template in it; nothing is left to drop then.
    static void DropQuietly(PostgresServer server, string database)
    {
        try
        {
            ExecuteAsync(server, $"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)").Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
        }
    }

    static async Task ExecuteAsync(PostgresServer server, string sql)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(server.AdminConnectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
