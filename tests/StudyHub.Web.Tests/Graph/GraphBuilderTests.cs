using StudyHub.Web.Features.Graph;

namespace StudyHub.Web.Tests.Graph;

/// The graph built from plain inputs, no database.
public sealed class GraphBuilderTests
{
    [Theory]
    [InlineData("""{"type": "person"}""", new string[0], NodeKind.Person)]
    [InlineData("""{"type": "Organisation"}""", new string[0], NodeKind.Organization)]
    [InlineData("{}", new[] { "researcher", "person" }, NodeKind.Person)]
    [InlineData("{}", new[] { "type/dataset" }, NodeKind.Dataset)]
    [InlineData("""{"type": "model"}""", new[] { "person" }, NodeKind.Model)]
    [InlineData("""{"Paper": "https://arxiv.org/abs/2103.00020"}""", new string[0], NodeKind.Paper)]
    [InlineData("""{"Link": "https://www.youtube.com/watch?v=5vfIT5LOkR0"}""", new string[0], NodeKind.Lecture)]
    [InlineData("""{"Link": "https://example.com/slides"}""", new string[0], NodeKind.Unclassified)]
    [InlineData("""{"media": "https://www.youtube.com/watch?v=5vfIT5LOkR0"}""", new string[0], NodeKind.Lecture)]
    [InlineData("{}", new[] { "lecture" }, NodeKind.Lecture)]
    public void AKindComesFromTypeThenTagsThenWhatTheNoteLooksLike(string frontMatter, string[] tags, NodeKind kind)
    {
        var graph = Build([Note("a", "A", frontMatter: frontMatter, tags: tags)]);

        Assert.Equal(kind, graph.Find("a")!.Kind);
    }

    [Fact]
    public void ACorrectionOverridesTheKindAndAddsNamesToFind()
    {
        var graph = GraphBuilder.Build(new GraphInput(
            [Note("clip", "CLIP", frontMatter: """{"type": "paper"}"""), Note("notes", "Notes", html: "<p>Contrastive pretraining as in Radford's model.</p>")],
            [],
            [new GraphCorrection("clip", NodeKind.Model, ["Radford's model"])]));

        Assert.Equal(NodeKind.Model, graph.Find("clip")!.Kind);
        Assert.Contains(new GraphEdge("notes", "clip", "unlinked-mention", 1), graph.Edges);
    }

    [Fact]
    public void ATargetNotYetWrittenIsANodeNamedAsNotesWriteItWithTheKindItsRelationImplies()
    {
        var graph = Build(
            [Note("clip", "CLIP", frontMatter: """{"authors": ["[[Ilya Sutskever]]"], "trained_on": "WebImageText"}""")],
            [new GraphLink("clip", "transformer", "Transformer", false), new GraphLink("clip", "transformer", "Transformer", false),
             new GraphLink("clip", "transformer", "transformer", true)]);

        var transformer = graph.Find("transformer")!;
        Assert.Equal(("Transformer", false, "/concepts/transformer", NodeKind.Unclassified),
            (transformer.Label, transformer.Written, transformer.Url, transformer.Kind));
        Assert.Contains(new GraphEdge("clip", "transformer", "link", 3), graph.Edges);
        Assert.Equal(NodeKind.Person, graph.Find("ilya-sutskever")!.Kind);
        Assert.Equal(NodeKind.Dataset, graph.Find("webimagetext")!.Kind);
        Assert.Contains(new GraphEdge("clip", "webimagetext", "relation:trained_on", 1), graph.Edges);
    }

    [Fact]
    public void RelationsWrittenAsPlainNamesResolveByTitleAliasOrFileName()
    {
        var graph = Build([
            Note("clip", "CLIP", path: "Models/CLIP.md", frontMatter: """{"organization": "Open AI Inc", "authors": "Radford, Alec Radford", "based on": "[[ViT|the ViT]]"}"""),
            Note("openai", "OpenAI", path: "Orgs/OpenAI.md", aliases: ["Open AI Inc"]),
            Note("alec-radford", "Alec Radford", path: "People/Alec Radford.md"),
            Note("vision-transformer", "Vision Transformer", path: "ViT.md"),
        ]);

        Assert.Contains(new GraphEdge("clip", "openai", "relation:organization", 1), graph.Edges);
        Assert.Contains(new GraphEdge("clip", "alec-radford", "relation:authors", 1), graph.Edges);
        Assert.Contains(new GraphEdge("clip", "radford", "relation:authors", 1), graph.Edges);
        Assert.Contains(new GraphEdge("clip", "vision-transformer", "relation:based_on", 1), graph.Edges);
    }

    [Theory]
    [InlineData("<p>Alec Radford is a genius.</p>", 1)]
    [InlineData("<p>alec radford, and again ALEC RADFORD</p>", 2)]
    [InlineData("<p>Alec\nRadford</p>", 0)]
    [InlineData("<p>Alec Radfords</p>", 0)]
    [InlineData("<p><a class=\"wikilink\" href=\"/notes/alec-radford\">Alec Radford</a></p>", 0)]
    [InlineData("<p><a href=\"https://x.org\">by Alec Radford</a></p>", 0)]
    [InlineData("<p><code>Alec Radford</code></p><pre><code>Alec Radford</code></pre>", 0)]
    [InlineData("<div class=\"embed-note\"><div class=\"embed-note-content\"><div><p>Alec Radford</p></div></div></div><p>Alec Radford</p>", 1)]
    [InlineData("<p>Alec <em>Radford</em> &amp; co.</p>", 1)]
    public void APlainTextMentionCountsOnlyAsWholeWordsOutsideLinksCodeAndEmbeds(string html, int mentions)
    {
        var graph = Build([Note("alec-radford", "Alec Radford"), Note("lecture", "Lecture", html: html)]);

        Assert.Equal(mentions, graph.Edges.Where(e => e.Kind == "unlinked-mention" && e.Target == "alec-radford").Sum(e => e.Weight));
    }

    [Theory]
    [InlineData("<p>We used CLIP here.</p>", 1)]
    [InlineData("<p>We clip the gradients.</p>", 0)]
    [InlineData("<p>Clip the gradients.</p>", 0)]
    public void AcronymsAreMatchedOnlyInCapitals(string html, int mentions)
    {
        var graph = Build([Note("clip", "CLIP"), Note("lecture", "Lecture", html: html)]);

        Assert.Equal(mentions, graph.Edges.Count(e => e.Kind == "unlinked-mention" && e.Target == "clip"));
    }

    [Fact]
    public void ShortAndSharedNamesAreNotLookedFor()
    {
        var graph = Build([
            Note("hugging-face", "Hugging Face", aliases: ["HF"]),
            Note("google", "Google", aliases: ["Brain"]),
            Note("brain", "Brain"),
            Note("lecture", "Lecture", html: "<p>HF and Google Brain; the brain.</p>"),
        ]);

        var mentioned = graph.Edges.Where(e => e.Kind == "unlinked-mention").Select(e => e.Target).ToList();
        Assert.Equal(["google"], mentioned);
    }

    [Fact]
    public void TheLongestNameWins()
    {
        var graph = Build([Note("google", "Google"), Note("deepmind", "DeepMind", aliases: ["Google DeepMind"]), Note("l", "L", html: "<p>Google DeepMind</p>")]);

        Assert.Equal(["deepmind"], graph.Edges.Where(e => e.Kind == "unlinked-mention").Select(e => e.Target));
    }

    [Fact]
    public void NotesLinkedFromTheSameLectureSectionAreCoMentionedOncePerSection()
    {
        const string html = """
            <p><a class="wikilink" href="/notes/a">A</a> <a class="wikilink" href="/notes/b">B</a></p>
            <hr />
            <p><a class="wikilink" href="/notes/a#x">A</a> and <a class="wikilink" href="/notes/b">B</a> and <a class="wikilink" href="/notes/b">B</a></p>
            <h2 id="next">Next</h2>
            <p><a class="wikilink unresolved" href="/concepts/c">C</a> <a class="wikilink" href="/notes/a">A</a></p>
            """;
        var lecture = Note("lecture", "Lecture", html: html, tags: ["lecture"]);
        var other = Note("other", "Other", html: html);

        var graph = Build([lecture, other, Note("a", "Alpha"), Note("b", "Beta")], [new GraphLink("lecture", "c", "C", false)]);

        Assert.Equal(
            [new GraphEdge("a", "b", "co-mention", 2), new GraphEdge("a", "c", "co-mention", 1)],
            graph.Edges.Where(e => e.Kind == "co-mention").OrderBy(e => e.Target));
    }

    [Fact]
    public void DegreeCountsEveryEdgeAndANeighbourhoodFollowsEdgesBothWays()
    {
        var graph = Build(
            [Note("a", "Alpha"), Note("b", "Beta"), Note("c", "Gamma"), Note("d", "Delta")],
            [new GraphLink("a", "b", "Beta", false), new GraphLink("c", "b", "Beta", false), new GraphLink("c", "d", "Delta", false)]);

        Assert.Equal(2, graph.Find("b")!.Degree);
        Assert.Equal(["a", "b", "c"], graph.Around("a", 2).Order());
        Assert.Equal(["a", "b"], new GraphFilter("a", 1).Apply(graph).Nodes.Select(n => n.Id));
        Assert.Equal(["c"], new GraphFilter(Kinds: new HashSet<NodeKind> { NodeKind.Unclassified }, Tag: "x")
            .Apply(Build([Note("a", "A"), Note("b", "B"), Note("c", "C", tags: ["x"])])).Nodes.Select(n => n.Id));
    }

    [Fact]
    public void TheStrongestEdgesAreWrittenRelationsAndLinksBeforeInferredOnesAndHeavierFirst()
    {
        var graph = new ConceptGraph(
            [Node("a"), Node("b"), Node("c")],
        [
            new GraphEdge("a", "b", "unlinked-mention", 9), new GraphEdge("a", "c", "co-mention", 5), new GraphEdge("b", "c", "link", 1),
            new GraphEdge("b", "a", "link", 2), new GraphEdge("c", "a", "relation:authors", 1),
        ]);

        Assert.Equal(["relation:authors", "link:2", "link:1", "co-mention"],
            graph.StrongestEdges(4).Select(e => e.Kind == "link" ? $"link:{e.Weight}" : e.Kind));
        Assert.Same(graph.Edges, graph.StrongestEdges(5));

        static GraphNode Node(string id) => new(id, id, NodeKind.Other, 0, $"/notes/{id}", "vault", true, []);
    }

    static ConceptGraph Build(IReadOnlyList<GraphNote> notes, IReadOnlyList<GraphLink>? links = null) =>
        GraphBuilder.Build(new GraphInput(notes, links ?? [], []));

    static GraphNote Note(string slug, string title, string html = "", string frontMatter = "{}", string[]? tags = null,
        string[]? aliases = null, string? path = null) =>
        new(slug, $"vault/{slug}", title, path ?? $"{title}.md", "vault", tags ?? [], aliases ?? [], frontMatter, html);
}
