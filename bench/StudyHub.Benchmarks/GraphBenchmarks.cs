using System.Text;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using StudyHub.Web.Features.Graph;

namespace StudyHub.Benchmarks;

/// The graph API's server work on a generated vault of 5,000 notes and about 50,000 edges: building the graph
/// (once per import), and per request serializing the whole graph or a neighbourhood to JSON.
[MemoryDiagnoser]
public class GraphBenchmarks
{
    GraphInput _input = null!;
    ConceptGraph _graph = null!;
    string _center = "";

    [GlobalSetup]
    public void Generate()
    {
        _input = SyntheticGraph.Input(notes: 5_000);
        _graph = GraphBuilder.Build(_input);
        _center = _graph.Nodes.MaxBy(n => n.Degree)!.Id;
        Console.WriteLine($"// {_graph.Nodes.Count} nodes, {_graph.Edges.Count} edges: " +
            string.Join(", ", _graph.Edges.GroupBy(e => e.Kind.StartsWith(EdgeKinds.RelationPrefix, StringComparison.Ordinal) ? "relation" : e.Kind)
                .Select(g => $"{g.Count()} {g.Key}")));
    }

    [Benchmark]
    public ConceptGraph Build() => GraphBuilder.Build(_input);

    [Benchmark]
    public int SerializeWholeGraph() => JsonSerializer.SerializeToUtf8Bytes(GraphResponse.Of(_graph), GraphJsonContext.Default.GraphResponse).Length;

    [Benchmark]
    public int BuildAndSerializeWholeGraph() =>
        JsonSerializer.SerializeToUtf8Bytes(GraphResponse.Of(GraphBuilder.Build(_input)), GraphJsonContext.Default.GraphResponse).Length;

    [Benchmark]
    public int PictureOfTheWholeGraph() =>
        JsonSerializer.SerializeToUtf8Bytes(GraphResponse.Of(new GraphFilter().Apply(_graph), GraphApi.EdgesPerPicture), GraphJsonContext.Default.GraphResponse).Length;

    [Benchmark]
    public int NeighbourhoodOfTheBusiestNode() =>
        JsonSerializer.SerializeToUtf8Bytes(GraphResponse.Of(new GraphFilter(_center, 2).Apply(_graph)), GraphJsonContext.Default.GraphResponse).Length;
}

/// A deterministic vault-shaped graph input: typed notes with made-up names, wikilinks, plain-text mentions,
/// a relation each, and lectures whose sections link several notes.
public static class SyntheticGraph
{
    static readonly string[] Syllables = ["ka", "lo", "mir", "ten", "vas", "dro", "pel", "qui", "son", "tar", "ul", "bex", "nor", "fi", "gal", "zem"];
    static readonly string[] Types = ["model", "person", "organization", "dataset", "technique", "paper", "benchmark"];

    public static GraphInput Input(int notes, int linksPerNote = 7, int mentionsPerNote = 2, int seed = 1)
    {
        var random = new Random(seed);
        var titles = new HashSet<string>();
        while (titles.Count < notes)
        {
            titles.Add($"{Word(random)} {Word(random)}");
        }
        var names = titles.ToArray();
        var slugs = names.Select(n => n.ToLowerInvariant().Replace(' ', '-')).ToArray();
        var inputs = new List<GraphNote>(notes);
        var proses = new List<NoteProse>(notes);
        var links = new List<GraphLink>(notes * linksPerNote);
        for (var i = 0; i < notes; i++)
        {
            var lecture = i % 20 == 0;
            var prose = new StringBuilder();
            for (var l = 0; l < linksPerNote; l++)
            {
                // A heading before every third link starts a section.
                if (l % 3 == 0)
                {
                    prose.Append("Part ").Append(l).Append('\n');
                }
                var target = random.Next(notes);
                prose.Append("About\t, which matters here because of the data and the training set.");
                if (l < mentionsPerNote)
                {
                    prose.Append(" Compare ").Append(names[random.Next(notes)]).Append(" on the same task.");
                }
                prose.Append('\n');
                links.Add(new GraphLink(slugs[i], slugs[target], names[target], false, l / 3 + 1));
            }
            var related = names[random.Next(notes)];
            var frontMatter = lecture ? """{"Link": "https://www.youtube.com/watch?v=5vfIT5LOkR0"}"""
                : $$"""{"type": "{{Types[i % Types.Length]}}", "organization": "[[{{related}}]]"}""";
            inputs.Add(new GraphNote(slugs[i], $"generated/notes/{slugs[i]}", names[i], $"Notes/{names[i]}.md", "generated", lecture ? ["lecture"] : [$"topic{i % 40}"], [],
                NodeKinds.OfNote(NoteFields.Read(frontMatter), lecture ? ["lecture"] : []), frontMatter));
            proses.Add(new NoteProse(slugs[i], prose.ToString()));
        }
        return new GraphInput(inputs, links, [], proses);
    }

    static string Word(Random random)
    {
        var word = string.Concat(Enumerable.Range(0, 3).Select(_ => Syllables[random.Next(Syllables.Length)]));
        return char.ToUpperInvariant(word[0]) + word[1..];
    }
}
