using System.Net.Http.Json;
using StudyHub.Testing;
using StudyHub.Web.Features.Graph;

namespace StudyHub.Corpus.Tests;

/// The real Obsidian Help vault: 173 notes without StudyHub's types, with many links, embeds and code.
public sealed class ObsidianHelpGraphTests(StudyHubApp app) : IClassFixture<StudyHubApp>
{
    [Fact]
    public async Task TheGraphOfTheObsidianHelpVaultBuildsWithSensibleCounts()
    {
        await app.ImportVaultAsync(RepositoryFiles.Shared("corpora", "obsidian-help-en"), "obsidian-help");

        var graph = (await app.CreateClient().GetFromJsonAsync<GraphResponse>(new Uri("/api/graph", UriKind.Relative)))!;

        // Counted on the vault as imported: 173 notes, two link targets not written, 958 linked pairs, 883 unlinked-mention pairs.
        Assert.Equal(173, graph.Nodes.Count(n => n.Written));
        Assert.InRange(graph.Nodes.Count, 173, 185);
        Assert.InRange(graph.Edges.Count(e => e.Kind == "link"), 900, 1_050);
        Assert.InRange(graph.Edges.Count(e => e.Kind == "unlinked-mention"), 600, 1_200);
        Assert.DoesNotContain(graph.Edges, e => e.Kind.StartsWith("relation:", StringComparison.Ordinal));
        Assert.Equal("Settings", graph.Nodes.MaxBy(n => n.Degree)!.Label);
        // Nothing in this vault says what a note is about: no type, no kind tags, no lecture links.
        Assert.All(graph.Nodes, n => Assert.Equal(NodeKind.Unclassified, n.Kind));
        var ids = graph.Nodes.Select(n => n.Id).ToHashSet();
        Assert.All(graph.Edges, e => Assert.True(ids.Contains(e.Source) && ids.Contains(e.Target) && e.Source != e.Target));
    }
}
