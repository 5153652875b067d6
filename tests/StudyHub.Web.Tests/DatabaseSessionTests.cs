using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using StudyHub.Testing;
using StudyHub.Web.Data;

namespace StudyHub.Web.Tests;

/// The settings every connection of the app starts its PostgreSQL session with.
public sealed class DatabaseSessionTests
{
    [Fact]
    public async Task StatementsAreNotCompiledWithJit()
    {
        await using var app = new StudyHubApp();
        await app.InitializeAsync();

        Assert.Equal("off", await SettingAsync(app, "jit"));
    }

    [Fact]
    public async Task OptionsGivenInTheConnectionStringAreKept()
    {
        await using var app = new AppWithOptions("-c statement_timeout=12345");
        await app.InitializeAsync();

        Assert.Equal("12345ms", await SettingAsync(app, "statement_timeout"));
        Assert.Equal("off", await SettingAsync(app, "jit"));
    }

    static async Task<string> SettingAsync(StudyHubApp app, string name)
    {
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<StudyHubDbContext>>().CreateDbContextAsync();
        return await db.Database.SqlQuery<string>($"""SELECT current_setting({name}) AS "Value" """).SingleAsync();
    }

    sealed class AppWithOptions(string options) : StudyHubApp
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting($"ConnectionStrings:{DatabaseEndpoint.ConnectionStringName}",
                new NpgsqlConnectionStringBuilder(Database.ConnectionString) { Options = options }.ConnectionString);
        }
    }
}
