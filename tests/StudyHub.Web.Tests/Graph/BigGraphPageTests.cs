using System.Text.RegularExpressions;
using StudyHub.Testing;

namespace StudyHub.Web.Tests.Graph;

public sealed class BigGraphPageTests(StudyHubApp app) : IClassFixture<StudyHubApp>
{
    [Fact]
    public async Task BesideTheWholeGraphEachKindListsItsHundredMostConnectedAndLinksToTheRest()
    {
        using var vault = new TempVault("crowd");
        for (var i = 0; i < 101; i++)
        {
            vault.Write($"Person {i:000}.md", i == 0 ? "---\ntags: [person]\n---\nKnows [[Person 001]]." : "---\ntags: [person]\n---\nSomebody.");
        }
        await app.ImportVaultAsync(vault.Root);
        using var client = app.CreateClient();

        var page = await client.GetStringAsync(new Uri("/graph", UriKind.Relative));

        Assert.Contains("People <span class=\"count\">(101)</span>", page, StringComparison.Ordinal);
        Assert.Equal(100, Regex.Count(page, "<li><a href=\"/notes/crowd/person-"));
        Assert.Contains("<a href=\"/notes/crowd/person-001\">Person 001</a>", page, StringComparison.Ordinal);
        Assert.DoesNotContain("<a href=\"/notes/crowd/person-100\">", page, StringComparison.Ordinal);
        Assert.Contains("<a href=\"/concepts?kind=person\">All 101 people</a>", page, StringComparison.Ordinal);
    }
}
