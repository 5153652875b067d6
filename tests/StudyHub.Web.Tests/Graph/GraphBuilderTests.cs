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
        var graph = Build(
            [Note("clip", "CLIP", frontMatter: """{"type": "paper"}"""), Note("notes", "Notes", prose: "Contrastive pretraining as in Radford's model.")],
            corrections: [new GraphCorrection("clip", NodeKind.Model, ["Radford's model"])]);

        Assert.Equal(NodeKind.Model, graph.Find("clip")!.Kind);
        Assert.Contains(new GraphEdge("notes", "clip", "unlinked-mention", 1), graph.Edges);
    }

    [Fact]
    public void ATargetNotYetWrittenIsANodeNamedAsNotesWriteItWithTheKindItsRelationImplies()
    {
        var graph = Build(
            [Note("clip", "CLIP", frontMatter: """{"authors": ["[[Ilya Sutskever]]"], "trained_on": "WebImageText"}""")],
            [new GraphLink("clip", "transformer", "Transformer", false, 0), new GraphLink("clip", "transformer", "Transformer", false, 0),
             new GraphLink("clip", "transformer", "transformer", true, 1)]);

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

    // Links, code and embedded notes are left out of the prose by the renderer (RenderedNoteTests in StudyHub.Markdown.Tests).
    [Theory]
    [InlineData("Alec Radford is a genius.", 1)]
    [InlineData("alec radford, and again ALEC RADFORD", 2)]
    [InlineData("Alec\nRadford", 0)]
    [InlineData("Alec\tRadford", 0)]
    [InlineData("Alec Radfords", 0)]
    [InlineData("Alec Radford & co.", 1)]
    public void APlainTextMentionCountsOnlyAsWholeWords(string prose, int mentions)
    {
        var graph = Build([Note("alec-radford", "Alec Radford"), Note("lecture", "Lecture", prose: prose)]);

        Assert.Equal(mentions, graph.Edges.Where(e => e.Kind == "unlinked-mention" && e.Target == "alec-radford").Sum(e => e.Weight));
    }

    [Theory]
    [InlineData("We used CLIP here.", 1)]
    [InlineData("We clip the gradients.", 0)]
    [InlineData("Clip the gradients.", 0)]
    public void AcronymsAreMatchedOnlyInCapitals(string prose, int mentions)
    {
        var graph = Build([Note("clip", "CLIP"), Note("lecture", "Lecture", prose: prose)]);

        Assert.Equal(mentions, graph.Edges.Count(e => e.Kind == "unlinked-mention" && e.Target == "clip"));
    }

    [Fact]
    public void ShortAndSharedNamesAreNotLookedFor()
    {
        var graph = Build([
            Note("hugging-face", "Hugging Face", aliases: ["HF"]),
            Note("google", "Google", aliases: ["Brain"]),
            Note("brain", "Brain"),
            Note("lecture", "Lecture", prose: "HF and Google Brain; the brain."),
        ]);

        var mentioned = graph.Edges.Where(e => e.Kind == "unlinked-mention").Select(e => e.Target).ToList();
        Assert.Equal(["google"], mentioned);
    }

    [Fact]
    public void TheLongestNameWins()
    {
        var graph = Build([Note("google", "Google"), Note("deepmind", "DeepMind", aliases: ["Google DeepMind"]), Note("l", "L", prose: "Google DeepMind")]);

        Assert.Equal(["deepmind"], graph.Edges.Where(e => e.Kind == "unlinked-mention").Select(e => e.Target));
    }

    [Fact]
    public void AmongManyNamesThatShareTheirFirstWordsEachMentionFindsItsOwn()
    {
        var lectures = Enumerable.Range(1, 300).Select(i => Note($"lecture-{i}", $"Lecture {i}")).ToList();
        var graph = Build([.. lectures, Note("cross-attention", "Cross-Attention"),
            Note("summary", "Summary", prose: "Lecture 12, then LECTURE 300 and Lecture 3-4; cross attention in Lecture\n7, and lecture 301.")]);

        var mentioned = graph.Edges.Where(e => e.Kind == "unlinked-mention" && e.Source == "summary").Select(e => e.Target).Order(StringComparer.Ordinal);
        Assert.Equal(["cross-attention", "lecture-12", "lecture-3", "lecture-300"], mentioned);
    }

    [Fact]
    public void NotesLinkedFromTheSameLectureSectionAreCoMentionedOncePerSection()
    {
        // Section 0: A B; section 1 (after a rule): A, B twice; section 2 (after a heading): the concept C and A.
        IEnumerable<GraphLink> LinksFrom(string source) =>
        [
            new(source, "a", "Alpha", false, 0), new(source, "b", "Beta", false, 0),
            new(source, "a", "Alpha", false, 1), new(source, "b", "Beta", false, 1), new(source, "b", "Beta", false, 1),
            new(source, "c", "C", false, 2), new(source, "a", "Alpha", false, 2),
        ];
        var lecture = Note("lecture", "Lecture", tags: ["lecture"]);
        var other = Note("other", "Other");

        var graph = Build([lecture, other, Note("a", "Alpha"), Note("b", "Beta")], [.. LinksFrom("lecture"), .. LinksFrom("other")]);

        Assert.Equal(
            [new GraphEdge("a", "b", "co-mention", 2), new GraphEdge("a", "c", "co-mention", 1)],
            graph.Edges.Where(e => e.Kind == "co-mention").OrderBy(e => e.Target));
    }

    [Fact]
    public void CoMentionsFollowTheSectionsOfTheLectureText()
    {
        var graph = Build(
            [Note("lecture", "Lecture", tags: ["lecture"]), Note("a", "Alpha"), Note("b", "Beta"), Note("c", "Gamma"), Note("d", "Delta")],
            [
                new GraphLink("lecture", "a", "Alpha", false, 1), new GraphLink("lecture", "b", "Beta", true, 1),
                new GraphLink("lecture", "c", "Gamma", false, 2), new GraphLink("lecture", "missing", "Missing", true, 2),
                // Front-matter properties are not in a section, nor co-mentioned with what the text links.
                new GraphLink("lecture", "c", "Gamma", false, null), new GraphLink("lecture", "d", "Delta", false, null),
            ]);

        Assert.Equal([new GraphEdge("a", "b", "co-mention", 1)], graph.Edges.Where(e => e.Kind == "co-mention"));
    }

    [Fact]
    public void DegreeCountsEveryEdgeAndANeighbourhoodFollowsEdgesBothWays()
    {
        var graph = Build(
            [Note("a", "Alpha"), Note("b", "Beta"), Note("c", "Gamma"), Note("d", "Delta")],
            [new GraphLink("a", "b", "Beta", false, 0), new GraphLink("c", "b", "Beta", false, 0), new GraphLink("c", "d", "Delta", false, 0)]);

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

    [Fact]
    public void APartOfTheGraphHasItsNodesAndTheEdgesAmongThemOnceEachInTheGraphsOrder()
    {
        GraphEdge[] edges =
        [
            new("c", "a", "link", 1), new("a", "b", "link", 1), new("b", "a", "link", 1), new("a", "a", "link", 1),
            new("b", "d", "link", 1), new("d", "c", "co-mention", 1),
        ];
        var graph = new ConceptGraph([Node("a"), Node("b"), Node("c"), Node("d")], edges);

        var part = graph.Among(new HashSet<string> { "c", "a", "b", "nowhere" });

        Assert.Equal(["a", "b", "c"], part.Nodes.Select(n => n.Id));
        Assert.Equal(edges[..4], part.Edges);
        Assert.Equal(["a", "b"], graph.MostConnected(2).Nodes.Select(n => n.Id));
        Assert.Equal(edges[1..4], graph.MostConnected(2).Edges);

        static GraphNode Node(string id) => new(id, id, NodeKind.Other, 0, $"/notes/{id}", "vault", true, []);
    }

    [Fact]
    public void AFilteredPartFindsItsOwnNodesEdgesAndNeighbours()
    {
        GraphEdge[] edges =
        [
            new("a", "b", "link", 2), new("d", "b", "link", 1), new("b", "c", "unlinked-mention", 3), new("c", "a", "relation:authors", 1),
        ];
        var graph = new ConceptGraph([Node("d"), Node("a"), Node("b"), Node("c")], edges);

        var part = graph.Where(n => n.Id != "d", e => e.Kind != "unlinked-mention");

        Assert.Equal(["a", "b", "c"], part.Nodes.Select(n => n.Id));
        Assert.Equal([edges[0], edges[3]], part.Edges);
        Assert.Equal([edges[0]], part.EdgesOf("b"));
        Assert.Equal([edges[0], edges[3]], part.EdgesOf("a"));
        Assert.Empty(part.EdgesOf("d"));
        Assert.Equal(["b", "c"], part.Among(new HashSet<string> { "b", "c" }).Nodes.Select(n => n.Id));
        Assert.Empty(part.Among(new HashSet<string> { "b", "c" }).Edges);
        Assert.Equal(["a", "b", "c"], part.Around("b", 2).Order());
        Assert.Equal(["a", "c"], graph.Around("c", 1, followMentions: false).Order());

        static GraphNode Node(string id) => new(id, id, NodeKind.Other, 0, $"/notes/{id}", "vault", true, []);
    }

    static ConceptGraph Build(IReadOnlyList<WrittenNote> notes, IReadOnlyList<GraphLink>? links = null, IReadOnlyList<GraphCorrection>? corrections = null) =>
        GraphBuilder.Build(new GraphInput([.. notes.Select(n => n.Note)], links ?? [], corrections ?? [], notes.Select(n => n.Prose)));

    sealed record WrittenNote(GraphNote Note, NoteProse Prose);

    /// A note with the kind the import gives it.
    static WrittenNote Note(string slug, string title, string prose = "", string frontMatter = "{}", string[]? tags = null,
        string[]? aliases = null, string? path = null) =>
        new(new(slug, $"vault/{slug}", title, path ?? $"{title}.md", "vault", tags ?? [], aliases ?? [],
            NodeKinds.OfNote(NoteFields.Read(frontMatter), tags ?? []), frontMatter), new(slug, prose));
}
