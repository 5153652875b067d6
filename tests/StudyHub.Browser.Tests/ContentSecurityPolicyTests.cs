using Microsoft.Playwright;

namespace StudyHub.Browser.Tests;

/// Every kind of page works under the Content-Security-Policy it is sent with: Chromium reports no violation
/// and no error.
public sealed class ContentSecurityPolicyTests(BrowserApp app) : BrowserTest(app)
{
    const string CollectViolations = """
        window.cspViolations = [];
        document.addEventListener("securitypolicyviolation", e => window.cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`));
        """;

    [Theory]
    [InlineData("/")]
    [InlineData("/notes/cs224n/lectures/multimodal-deep-learning")]
    [InlineData("/notes/cs224n/models/clip")]
    [InlineData("/concepts")]
    [InlineData("/graph")]
    [InlineData("/search?q=contrastive")]
    [InlineData("/tags")]
    [InlineData("/account/login")]
    [InlineData("/account/register")]
    public Task PagesRunUnderTheirPolicy(string path) => JourneyAsync($"csp{path.Replace('/', '_').Replace('?', '_')}", async () =>
    {
        await Page.AddInitScriptAsync(CollectViolations);
        await Page.RouteAsync(YouTubeStandIn.ApiUrl, route => route.FulfillAsync(new() { ContentType = "text/javascript", Body = YouTubeStandIn.Script }));

        var response = await Page.GotoAsync(path, new() { WaitUntil = WaitUntilState.NetworkIdle });

        Assert.Contains("script-src 'self'", (await response!.AllHeadersAsync())["content-security-policy"], StringComparison.Ordinal);
        var violations = await Page.EvaluateAsync<string[]>("() => window.cspViolations");
        Assert.True(violations.Length == 0, $"{path}: {string.Join("; ", violations)}");
        // Nor any other error in the console.
        Assert.DoesNotContain(ConsoleMessages, message => message.StartsWith("error:", StringComparison.Ordinal));
    });

    [Fact]
    public Task AnImageFromAnotherSiteInACommentIsNeverRequested() => JourneyAsync("csp-comment-image", async () =>
    {
        var requested = new List<string>();
        await Page.RouteAsync("https://tracker.example/**", route =>
        {
            requested.Add(route.Request.Url);
            return route.FulfillAsync(new() { ContentType = "image/gif", BodyBytes = Convert.FromBase64String("R0lGODlhAQABAAAAACw=") });
        });
        await App.CreateUserAsync("pixel@example.org");
        await DiscussionJourneyTests.SignInAsync(Page, "pixel@example.org");
        var token = await (await Page.APIRequest.GetAsync("/api/antiforgery")).JsonAsync();
        var posted = await Page.APIRequest.PostAsync("/api/notes/clip/comments", new()
        {
            DataObject = new { body = "Nice notes ![](https://tracker.example/pixel.gif?reader=1)", visibility = "Members" },
            Headers = new Dictionary<string, string> { [token!.Value.GetProperty("headerName").GetString()!] = token.Value.GetProperty("token").GetString()! },
        });
        Assert.True(posted.Ok, $"The comment was not posted: {posted.Status}");

        await Page.GotoAsync("/notes/cs224n/models/clip", new() { WaitUntil = WaitUntilState.NetworkIdle });

        await Assertions.Expect(Page.Locator("img[src^='https://tracker.example/']")).ToHaveCountAsync(1);
        Assert.Empty(requested);
    });

    [Fact]
    public Task OnlyTheYouTubeIFrameApiRunsFromYouTubeAndPagesMayFrameThisSite() => JourneyAsync("csp-youtube-and-frames", async () =>
    {
        await Page.AddInitScriptAsync(CollectViolations);
        await Page.RouteAsync("https://www.youtube.com/**", route => route.FulfillAsync(new() { ContentType = "text/javascript", Body = "window.ranFromYouTube = (window.ranFromYouTube || []).concat(document.currentScript.src);" }));
        await Page.GotoAsync("/tags", new() { WaitUntil = WaitUntilState.NetworkIdle });

        await Page.EvaluateAsync("""
            () => Promise.all(["https://www.youtube.com/s/player/abc/www-widgetapi.js", "https://www.youtube.com/other/anything.js"].map(src =>
                new Promise(done => { const s = document.createElement("script"); s.src = src; s.onload = s.onerror = done; document.head.append(s); }))
                .concat(new Promise(done => { const f = document.createElement("iframe"); f.src = "/tags"; f.onload = done; document.body.append(f); })))
            """);

        var ran = await Page.EvaluateAsync<string[]>("() => window.ranFromYouTube || []");
        Assert.Equal(["https://www.youtube.com/s/player/abc/www-widgetapi.js"], ran);
        var violations = await Page.EvaluateAsync<string[]>("() => window.cspViolations");
        Assert.Contains("anything.js", Assert.Single(violations), StringComparison.Ordinal);
    });
}
