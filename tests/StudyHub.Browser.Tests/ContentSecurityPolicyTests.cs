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
    [InlineData("/notes/multimodal-deep-learning")]
    [InlineData("/notes/clip")]
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
}
