using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using StudyHub.Testing;
using static Microsoft.Playwright.Assertions;

namespace StudyHub.Browser.Tests;

/// Three instances behind nginx behave as one site. Alone in its collection: the one-second promise is timed, and the
/// other suites' browsers and apps would share the two cores with it.
[CollectionDefinition(nameof(ClusterJourneyTests), DisableParallelization = true)]
public sealed class ClusterRunsAlone;

[Collection(nameof(ClusterJourneyTests))]
public sealed class ClusterJourneyTests(LocalCluster cluster) : IClassFixture<LocalCluster>
{
    const string Lecture = "/notes/cs224n/lectures/multimodal-deep-learning";
    static readonly string[] Passages = ["Combine just the scores/logits", "Middle fusion", "Early/Mid fusion",
        "Why does MultiModality matter?", "Multimodal Foundation Model section", "Other modalities"];

    [Fact]
    public async Task AnAnnotationPostedOnOneInstanceReachesAClassmateReadingOnAnotherWithinASecond()
    {
        var browser = await Browser.GetAsync();
        await using var classmateContext = await browser.NewContextAsync(new() { BaseURL = cluster.Proxy.ToString() });
        var classmate = await classmateContext.NewPageAsync();
        await DiscussionJourneyTests.SignInAsync(classmate, LocalCluster.Classmate);
        var classmateInstance = await CircuitInstanceAsync(classmate);

        // nginx keeps each reader's circuit on the instance their session cookie chooses: sign the annotator in afresh
        // until their circuit is on another instance than the classmate's (the first or second time, nearly always); each
        // post must reach the classmate in time.
        string? crossed = null;
        foreach (var passage in Passages)
        {
            await using var annotatorContext = await browser.NewContextAsync(new() { BaseURL = cluster.Proxy.ToString() });
            var annotator = await annotatorContext.NewPageAsync();
            await DiscussionJourneyTests.SignInAsync(annotator, LocalCluster.Annotator);
            var annotatorInstance = await CircuitInstanceAsync(annotator);
            await DiscussionJourneyTests.SelectAsync(annotator, passage);
            await annotator.GetByRole(AriaRole.Button, new() { Name = "Annotate", Exact = true }).ClickAsync();
            await annotator.GetByLabel("Your annotation").FillAsync($"Seen across instances? ({passage})");
            await annotator.Locator("[data-composer] button[type=submit]").ClickAsync();
            await Expect(annotator.Locator(".annotation", new() { HasText = $"Seen across instances? ({passage})" })).ToBeVisibleAsync();

            await Expect(classmate.Locator("mark.annotation-highlight", new() { HasText = passage })).ToBeVisibleAsync(new() { Timeout = 1_000 });
            if (annotatorInstance != classmateInstance)
            {
                crossed = annotatorInstance;
                break;
            }
        }
        Assert.True(crossed is not null, $"Every annotator's circuit was on {classmateInstance}, the classmate's instance; nginx is not spreading circuits.");
    }

    /// Opens the lecture and answers which instance holds the page's circuit (nginx says so on the circuit's negotiation).
    static async Task<string?> CircuitInstanceAsync(IPage page)
    {
        var negotiated = await page.RunAndWaitForResponseAsync(() => page.GotoAsync(Lecture),
            response => response.Url.Contains("/_blazor/negotiate", StringComparison.Ordinal));
        await DiscussionJourneyTests.WaitForTheDiscussionAsync(page);
        return await negotiated.HeaderValueAsync("x-upstream");
    }

    [Fact]
    public async Task AVaultUploadedThroughNginxShowsOnEveryInstanceAndItsReimportWithinTwoSeconds()
    {
        var browser = await Browser.GetAsync();
        await using var context = await browser.NewContextAsync(new() { BaseURL = cluster.Proxy.ToString() });
        var editor = await context.NewPageAsync();
        using var vault = new TempVault("spread").Write("Spread.md", "# Spread\n\nThe first version of this note.\n");
        await DiscussionJourneyTests.SignInAsync(editor, LocalCluster.Annotator);
        await editor.GotoAsync("/admin/imports");
        await editor.GetByLabel("Name of the new vault").FillAsync("Spread");
        await editor.GetByLabel("Vault zip").SetInputFilesAsync(vault.Zip());
        await editor.GetByRole(AriaRole.Button, new() { Name = "Upload and import" }).ClickAsync();
        await Expect(editor.GetByRole(AriaRole.Heading, new() { Name = "Import of Spread", Level = 1 })).ToBeVisibleAsync(new() { Timeout = 30_000 });

        foreach (var instance in cluster.EveryInstance)
        {
            using var reader = new HttpClient { BaseAddress = instance };
            Assert.Contains("The first version of this note.", await reader.GetStringAsync(new Uri("/notes/spread/spread", UriKind.Relative)), StringComparison.Ordinal);
        }

        // Each instance has the page in its cache now; a re-import through nginx must retire it on all of them.
        using var changed = new TempVault("spread").Write("Spread.md", "# Spread\n\nThe second version of this note.\n");
        using var client = await SignedInAsync(LocalCluster.Annotator, cluster.Proxy);
        using var reimported = await VaultUpload.PostAsync(client, new ByteArrayContent(await File.ReadAllBytesAsync(changed.Zip())), vault: "Spread");
        Assert.Equal(HttpStatusCode.Created, reimported.StatusCode);
        var imported = Stopwatch.StartNew();
        foreach (var instance in cluster.EveryInstance)
        {
            using var reader = new HttpClient { BaseAddress = instance };
            while (!(await reader.GetStringAsync(new Uri("/notes/spread/spread", UriKind.Relative))).Contains("The second version", StringComparison.Ordinal))
            {
                Assert.True(imported.Elapsed < TimeSpan.FromSeconds(2), $"{instance} still serves the first version {imported.Elapsed.TotalSeconds:0.0} s after the re-import.");
                await Task.Delay(50);
            }
        }
    }

    [Fact]
    public async Task ASignInAndAnAntiforgeryTokenMadeOnOneInstanceWorkOnTheOthers()
    {
        var cookies = new LoopbackCookies();
        HttpClient On(int instance) => new(cookies.Handler()) { BaseAddress = cluster.Instance(instance) };
        using HttpClient first = On(1), second = On(2), third = On(3);

        var formToken = await StudyHubApp.FormTokenAsync(first, "/account/login");
        using (var signedIn = await StudyHubApp.PostFormAsync(second, "/account/login", "login",
            new() { ["Input.Email"] = LocalCluster.Classmate, ["Input.Password"] = StudyHubApp.Password }, formToken))
        {
            Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        }
        Assert.Contains(">classmate</a>", await third.GetStringAsync(new Uri("/", UriKind.Relative)), StringComparison.Ordinal);

        var apiToken = await third.GetFromJsonAsync<JsonElement>(new Uri("/api/antiforgery", UriKind.Relative));
        using var comment = new HttpRequestMessage(HttpMethod.Post, new Uri("/api/notes/multimodal-deep-learning/comments", UriKind.Relative))
        {
            Content = JsonContent.Create(new { body = "Made on one instance, taken by another.", visibility = "Members" }),
        };
        comment.Headers.Add(apiToken.GetProperty("headerName").GetString()!, apiToken.GetProperty("token").GetString());
        using var posted = await first.SendAsync(comment);
        Assert.Equal(HttpStatusCode.Created, posted.StatusCode);
    }

    /// A client of <paramref name="site"/> signed in as <paramref name="email"/>, sending the API's antiforgery token.
    internal static async Task<HttpClient> SignedInAsync(string email, Uri site)
    {
        var client = new HttpClient(new LoopbackCookies().Handler()) { BaseAddress = site };
        using (var signedIn = await StudyHubApp.SignInAsync(client, email))
        {
            Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        }
        var token = await client.GetFromJsonAsync<JsonElement>(new Uri("/api/antiforgery", UriKind.Relative));
        client.DefaultRequestHeaders.Add(token.GetProperty("headerName").GetString()!, token.GetProperty("token").GetString());
        return client;
    }

    /// One browser's cookies over plain http on 127.0.0.1, whichever port: Production marks its cookies Secure, which
    /// Chromium sends to loopback addresses but HttpClient's CookieContainer sends over https only.
    sealed class LoopbackCookies
    {
        readonly Dictionary<string, string> _cookies = [];

        public HttpMessageHandler Handler() => new Jar(this) { InnerHandler = new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false } };

        sealed class Jar(LoopbackCookies cookies) : DelegatingHandler
        {
            protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
            {
                lock (cookies._cookies)
                {
                    if (cookies._cookies.Count > 0)
                    {
                        request.Headers.Add("Cookie", string.Join("; ", cookies._cookies.Select(cookie => $"{cookie.Key}={cookie.Value}")));
                    }
                }
                var response = await base.SendAsync(request, cancellationToken);
                lock (cookies._cookies)
                {
                    foreach (var setCookie in response.Headers.TryGetValues("Set-Cookie", out var values) ? values : [])
                    {
                        var pair = setCookie.Split(';')[0].Split('=', 2);
                        cookies._cookies[pair[0]] = pair[1];
                    }
                }
                return response;
            }
        }
    }
}
