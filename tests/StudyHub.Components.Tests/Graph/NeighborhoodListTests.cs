using StudyHub.Web.Features.Graph;

namespace StudyHub.Components.Tests.Graph;

public class NeighborhoodListTests : BunitContext
{
    /// A concept linked from 40 notes, note n having n connections.
    static ConceptGraph Popular()
    {
        var notes = Enumerable.Range(1, 40).Select(n => new GraphNode($"note-{n}", $"Note {n:00}", NodeKind.Lecture, n, $"/notes/v/note-{n}", "v", true, [])).ToList();
        var concept = new GraphNode("attention", "Attention", NodeKind.Technique, 40, "/concepts/attention", "v", true, []);
        return new ConceptGraph([concept, .. notes], [.. notes.Select(n => new GraphEdge(n.Id, concept.Id, EdgeKinds.Link, 1))]);
    }

    [Fact]
    public void ABoundedListShowsTheMostConnectedInOrderOfNameAndCountsTheRest()
    {
        var list = Render<NeighborhoodList>(p => p.Add(x => x.Graph, Popular()).Add(x => x.Center, "attention").Add(x => x.Most, 30));

        Assert.Equal([.. Enumerable.Range(11, 30).Select(n => $"Note {n:00}")], list.FindAll("li a").Select(a => a.TextContent));
        Assert.Equal("and 10 less connected", list.Find("[data-more]").TextContent);
        Assert.Contains("(40)", list.Find("h3").TextContent);
    }

    [Fact]
    public void AnUnboundedListShowsEveryNeighbour()
    {
        var list = Render<NeighborhoodList>(p => p.Add(x => x.Graph, Popular()).Add(x => x.Center, "attention"));

        Assert.Equal(40, list.FindAll("li a").Count);
        Assert.Empty(list.FindAll("[data-more]"));
    }
}
