using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using StudyHub.Testing;

namespace StudyHub.Web.Tests.Papers;

/// Titles asked of arXiv at import (Papers:Arxiv:FetchTitles), of a stand-in for its API on 127.0.0.1.
public sealed class ArxivTitleTests(ArxivTitleTests.AskingApp app) : IClassFixture<ArxivTitleTests.AskingApp>
{
    [Fact]
    public async Task APaperLinkedWithoutATitleIsNamedByArxivAndEachIdIsAskedOnce()
    {
        app.Arxiv.Answer = Answer.Titles;
        using var vault = new TempVault("arxiv-asked")
            .Write("Transformer.md", "Paper: https://arxiv.org/abs/1706.03762v5\n\nText.")
            .Write("BERT.md", "---\npaper: \"[Already titled](https://arxiv.org/abs/1810.04805)\"\n---\nText.")
            .Write("Unknown.md", "Paper: https://arxiv.org/pdf/2401.99999\n\nText.")
            .Write("Hostile.md", "Paper: https://arxiv.org/abs/2107.05720\n\nText.");
        var asked = app.Arxiv.Queries.Count;

        var report = await app.ImportVaultAsync(vault.Root);
        vault.Write("Transformer.md", "Paper: https://arxiv.org/abs/1706.03762v5\n\nText, edited.");
        var again = await app.ImportVaultAsync(vault.Root);
        using var client = app.CreateClient();

        Assert.Empty(report.Warnings);
        Assert.Empty(again.Warnings);
        var query = Assert.Single(app.Arxiv.Queries.Skip(asked));
        Assert.Equal(["1706.03762v5", "2107.05720", "2401.99999"], query.Order());
        Assert.Contains("<a href=\"https://arxiv.org/abs/1706.03762v5\" rel=\"noopener noreferrer\"><cite>Attention Is All You Need</cite></a>",
            await client.GetStringAsync(new Uri("/notes/arxiv-asked/transformer", UriKind.Relative)), StringComparison.Ordinal);
        Assert.Contains("<cite>Already titled</cite>", await client.GetStringAsync(new Uri("/notes/arxiv-asked/bert", UriKind.Relative)), StringComparison.Ordinal);
        Assert.Contains("<cite>arXiv:2401.99999</cite>", await client.GetStringAsync(new Uri("/notes/arxiv-asked/unknown", UriKind.Relative)), StringComparison.Ordinal);
        Assert.Contains("<cite>&lt;img src=x onerror=alert(1)&gt; Sparse attention</cite>",
            await client.GetStringAsync(new Uri("/notes/arxiv-asked/hostile", UriKind.Relative)), StringComparison.Ordinal);
    }

    /// arXiv is asked once the import is committed, outside the imports' lock: while it answers, the vault's notes are
    /// there for readers and for other imports.
    [Fact]
    public async Task ArxivIsAskedOnlyOnceTheImportIsCommitted()
    {
        app.Arxiv.Answer = Answer.Titles;
        using var vault = new TempVault("arxiv-committed").Write("Switch.md", "Paper: https://arxiv.org/abs/2101.03961\n\nText.");
        var committed = new TaskCompletionSource<bool>();
        app.Arxiv.WhileAsked = async () =>
        {
            await using var db = app.Database.CreateContext();
            committed.TrySetResult(await db.Notes.IgnoreQueryFilters().AnyAsync(n => n.Vault.Name == "arxiv-committed"));
        };

        try
        {
            await app.ImportVaultAsync(vault.Root);
        }
        finally
        {
            app.Arxiv.WhileAsked = null;
        }
        using var client = app.CreateClient();

        Assert.True(await committed.Task.WaitAsync(TimeSpan.FromSeconds(5)), "The import's notes were not committed while arXiv was asked.");
        Assert.Contains($"<cite>{Known["2101.03961"]}</cite>", await client.GetStringAsync(new Uri("/notes/arxiv-committed/switch", UriKind.Relative)), StringComparison.Ordinal);
    }

    [Theory]
    // Each its own paper: an id once answered is not asked again, whichever vault names it.
    [InlineData(Answer.Failing, "1701.06538")]
    [InlineData(Answer.TooSlow, "1701.06539")]
    [InlineData(Answer.NotXml, "1701.06540")]
    public async Task WhenArxivCannotBeAskedTheImportSaysSoAndAsksAgainNextTime(Answer failure, string id)
    {
        var name = $"arxiv-{failure}".ToLowerInvariant();
        using var vault = new TempVault(name).Write("Moe.md", $"Paper: https://arxiv.org/abs/{id}\n\nText.");
        app.Arxiv.Answer = failure;

        var failed = await app.ImportVaultAsync(vault.Root);
        using var client = app.CreateClient();
        var before = await client.GetStringAsync(new Uri($"/notes/{name}/moe", UriKind.Relative));
        app.Arxiv.Answer = Answer.Titles;
        await app.ImportVaultAsync(vault.Root);
        var after = await client.GetStringAsync(new Uri($"/notes/{name}/moe", UriKind.Relative));

        Assert.Equal(1, failed.NotesAdded);
        var warning = Assert.Single(failed.Warnings);
        Assert.Equal("arXiv", warning.Path);
        Assert.StartsWith($"the titles of 1 paper ({id}) could not be asked of arXiv at http://127.0.0.1:", warning.Message, StringComparison.Ordinal);
        await using (var db = app.Database.CreateContext())
        {
            Assert.Contains("could not be asked of arXiv", await db.ImportRuns.Where(r => r.Id == failed.RunId).Select(r => r.Report).SingleAsync(), StringComparison.Ordinal);
        }
        Assert.Contains($"<cite>arXiv:{id}</cite>", before, StringComparison.Ordinal);
        Assert.Contains($"<cite>{Known[id]}</cite>", after, StringComparison.Ordinal);
    }

    public enum Answer { Titles, Failing, TooSlow, NotXml }

    /// What the stand-in knows: arXiv answers an id it has not with an error entry, and names each paper by its latest version.
    static readonly Dictionary<string, string> Known = new()
    {
        ["1706.03762"] = "Attention Is All\n  You Need",
        ["2107.05720"] = "<img src=x onerror=alert(1)> Sparse attention",
        ["1701.06538"] = "Outrageously Large Neural Networks",
        ["1701.06539"] = "Sparsely-Gated Mixture of Experts",
        ["1701.06540"] = "Conditional Computation",
        ["2101.03961"] = "Switch Transformers",
    };

    public sealed class AskingApp : StudyHubApp
    {
        public FakeArxiv Arxiv { get; } = new();

        public override async Task InitializeAsync()
        {
            await base.InitializeAsync();
            await Arxiv.StartAsync();
        }

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Papers:Arxiv:FetchTitles", "true");
            builder.UseSetting("Papers:Arxiv:BaseAddress", Arxiv.Address.ToString());
            builder.UseSetting("Papers:Arxiv:Timeout", "00:00:01");
        }

        public override async ValueTask DisposeAsync()
        {
            await Arxiv.DisposeAsync();
            await base.DisposeAsync();
        }
    }

    /// arXiv's query API as far as titles go: GET /api/query?id_list=…, answered with an Atom feed.
    public sealed class FakeArxiv : IAsyncDisposable
    {
        WebApplication? _server;

        public Answer Answer { get; set; }
        /// Done on each query before it is answered.
        public Func<Task>? WhileAsked { get; set; }
        public ConcurrentQueue<string[]> Queries { get; } = new();
        public Uri Address { get; private set; } = null!;

        public async Task StartAsync()
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            _server = builder.Build();
            _server.MapGet("/api/query", async (HttpContext http) =>
            {
                var ids = http.Request.Query["id_list"].ToString().Split(',');
                Queries.Enqueue(ids);
                await (WhileAsked?.Invoke() ?? Task.CompletedTask);
                switch (Answer)
                {
                    case Answer.Failing:
                        http.Response.StatusCode = (int)HttpStatusCode.ServiceUnavailable;
                        return;
                    case Answer.TooSlow:
                        await Task.Delay(TimeSpan.FromSeconds(5), http.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);
                        return;
                    case Answer.NotXml:
                        await http.Response.WriteAsync("<html><body>Rate exceeded", http.RequestAborted);
                        return;
                }
                http.Response.ContentType = "application/atom+xml";
                await http.Response.WriteAsync(Feed(ids), http.RequestAborted);
            });
            await _server.StartAsync();
            Address = new Uri(_server.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single() + "/");
        }

        static string Feed(string[] ids)
        {
            var entries = ids.Select(id => id.Split('v')[0]).Select(id => Known.TryGetValue(id, out var title)
                ? $"<entry><id>http://arxiv.org/abs/{id}v7</id><title>{System.Security.SecurityElement.Escape(title)}</title></entry>"
                : $"<entry><id>http://arxiv.org/api/errors#incorrect_id_{id}</id><title>Error</title></entry>");
            return $"""<?xml version="1.0" encoding="UTF-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>arXiv Query</title>{string.Concat(entries)}</feed>""";
        }

        public async ValueTask DisposeAsync()
        {
            if (_server is not null)
            {
                await _server.DisposeAsync();
            }
        }
    }
}
