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
}
