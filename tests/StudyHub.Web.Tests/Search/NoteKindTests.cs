using StudyHub.Testing;

namespace StudyHub.Web.Tests.Search;

public sealed class NoteKindTests(StudyHubApp app) : IClassFixture<StudyHubApp>
{
    // Seen in kepano's vault: the Kind filter listed `["[[actors]]"]`, brackets and quotes included.
    [Fact]
    public async Task AKindWrittenAsAListOfLinksIsTheLinkedName()
    {
        using var vault = new TempVault("people")
            .Write("Ada.md", "---\ntype:\n  - \"[[actors]]\"\n---\nAn actor.")
            .Write("Bo.md", "---\ntype: \"[[Directors|director]]\"\n---\nA director.")
            .Write("Cy.md", "---\ntype: person\n---\nA person.");
        await app.ImportVaultAsync(vault.Root);
        using var client = app.CreateClient();

        var page = await client.GetStringAsync(new Uri("/search?q=actor&kind=actors", UriKind.Relative));

        Assert.Contains("""<option value="actors" selected>actors</option>""", page, StringComparison.Ordinal);
        Assert.Contains("""<option value="directors">directors</option>""", page, StringComparison.Ordinal);
        Assert.Contains("""<option value="person">person</option>""", page, StringComparison.Ordinal);
        Assert.DoesNotContain("[[", page, StringComparison.Ordinal);
        Assert.Contains("/notes/people/ada", page, StringComparison.Ordinal);
    }

    // Search once read the type alone and the graph tags too: a note tagged #person was a person only in the graph.
    [Fact]
    public async Task SearchAndTheGraphGiveANoteTheSameKind()
    {
        using var vault = new TempVault("tagged")
            .Write("Grace Hopper.md", "#person\nWrote the first compiler.")
            .Write("ImageNet.md", "---\ntype: datasets\n---\nA compiler of pictures.");
        await app.ImportVaultAsync(vault.Root);
        using var client = app.CreateClient();

        var people = await client.GetStringAsync(new Uri("/search?q=compiler&kind=person", UriKind.Relative));
        var datasets = await client.GetStringAsync(new Uri("/search?q=compiler&kind=dataset", UriKind.Relative));
        var graph = await client.GetStringAsync(new Uri("/api/graph?kinds=person&vault=tagged", UriKind.Relative));

        Assert.Contains("/notes/tagged/grace-hopper", people, StringComparison.Ordinal);
        Assert.DoesNotContain("/notes/tagged/imagenet", people, StringComparison.Ordinal);
        Assert.Contains("/notes/tagged/imagenet", datasets, StringComparison.Ordinal);
        Assert.Contains("\"Grace Hopper\"", graph, StringComparison.Ordinal);
        Assert.DoesNotContain("ImageNet", graph, StringComparison.Ordinal);
    }
}
