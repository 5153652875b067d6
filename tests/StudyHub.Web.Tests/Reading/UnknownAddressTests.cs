using System.Collections.Concurrent;
using System.Data.Common;
using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using StudyHub.Testing;
using StudyHub.Web.Data;
using StudyHub.Web.Features.Import;
using StudyHub.Web.Features.Notes;

namespace StudyHub.Web.Tests.Reading;

/// Anyone may ask for any number of addresses that lead nowhere: none may cost the database work out of proportion,
/// nor leave anything in memory.
public sealed class UnknownAddressTests(UnknownAddressTests.QueryCountingApp app) : IClassFixture<UnknownAddressTests.QueryCountingApp>, IAsyncLifetime
{
    const string Lecture = "cs224n/lectures/multimodal-deep-learning";

    public async Task InitializeAsync()
    {
        await app.ImportSampleVaultAsync();
        // Reads the content and graph versions, which the clock that stands still then keeps for good.
        using var client = app.CreateClient();
        await client.GetStringAsync(new Uri($"/notes/{Lecture}", UriKind.Relative));
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Theory]
    [InlineData("/notes/cs224n/")]
    [InlineData("/api/previews/cs224n/")]
    public async Task AnAddressLongerThanAnyNoteCanHaveIsNotFoundWithoutAQuery(string prefix)
    {
        using var client = app.CreateClient();
        app.Queries.Clear();

        using var response = await client.GetAsync(new Uri(prefix + new string('a', 4000), UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Empty(app.Queries);
    }

    [Fact]
    public async Task TheNotFoundPageLooksOnlyForWordsANameCouldBe()
    {
        using var client = app.CreateClient();
        app.Queries.Clear();

        using var response = await client.GetAsync(new Uri($"/notes/cs224n/{new string('x', 500)}", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.DoesNotContain(app.Queries, query => query.Contains("studyhub_switcher_offered", StringComparison.Ordinal));
        var typo = await client.GetAsync(new Uri("/notes/cs224n/flamngo", UriKind.Relative));
        Assert.Contains("Were you looking for", await typo.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task MissesAreNotKeptAndAKeptPageCountsItsAddress()
    {
        var pages = app.Services.GetRequiredService<NotePages>();
        using var client = app.CreateClient();
        var before = pages.Size;

        for (var i = 0; i < 20; i++)
        {
            using var missing = await client.GetAsync(new Uri($"/notes/cs224n/missing-{i}-{new string('m', 1000)}", UriKind.Relative));
            Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        }
        Assert.Equal(before, pages.Size);

        const string clip = "cs224n/models/clip";
        await client.GetStringAsync(new Uri($"/notes/{clip}", UriKind.Relative));
        var model = await pages.GetAsync(clip, ReadAccess.System, default);
        Assert.True(pages.Size - before >= clip.Length + model!.Html.Length + model.Description.Length,
            $"The page of {clip} is kept as {pages.Size - before} characters, less than its address and text.");
    }

    /// The app with every database command it runs written down, and a clock that stands still, so that versions read
    /// once are not read again while a test watches.
    public sealed class QueryCountingApp : StudyHubApp
    {
        public ConcurrentQueue<string> Queries { get; } = new();

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(services =>
            {
                services.AddSingleton<TimeProvider>(new StillClock());
                services.ConfigureDbContext<StudyHubDbContext>(options => options.AddInterceptors(new Recorder(Queries)));
            });
        }

        sealed class StillClock : TimeProvider
        {
            readonly DateTimeOffset _now = DateTimeOffset.UtcNow;

            public override DateTimeOffset GetUtcNow() => _now;
        }

        sealed class Recorder(ConcurrentQueue<string> queries) : DbCommandInterceptor
        {
            public override DbCommand CommandInitialized(CommandEndEventData eventData, DbCommand result)
            {
                queries.Enqueue(result.CommandText);
                return result;
            }
        }
    }
}
