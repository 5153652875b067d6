using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;

namespace StudyHub.Browser.Tests;

public sealed class AccessibilityTests(BrowserApp app) : BrowserTest(app)
{
    [Theory]
    [InlineData("home", "/")]
    [InlineData("note", "/notes/multimodal-deep-learning")]
    [InlineData("search", "/search?q=contrastive")]
    [InlineData("tags", "/tags")]
    [InlineData("not-found", "/notes/no-such-note")]
    public Task PageHasNoSeriousOrCriticalAxeViolations(string name, string path) => JourneyAsync($"axe-{name}", async () =>
    {
        await Page.GotoAsync(path);

        var results = await Page.RunAxe();

        var serious = results.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        Assert.True(serious.Count == 0, string.Join("\n", serious.Select(Describe)));
    });

    static string Describe(AxeResultItem violation) =>
        $"{violation.Impact} {violation.Id}: {violation.Help} — {string.Join("; ", violation.Nodes.Take(3).Select(n => n.Html))}";
}
