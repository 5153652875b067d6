using BenchmarkDotNet.Attributes;
using Markdig;
using StudyHub.Markdown;

namespace StudyHub.Benchmarks;

/// Render cost per note: our Obsidian pipeline (parse + render) against plain Markdig on the same text.
[MemoryDiagnoser]
public class RenderBenchmarks
{
    static readonly MarkdownPipeline DefaultPipeline = new MarkdownPipelineBuilder().Build();
    static readonly MarkdownPipeline AdvancedMarkdig = new MarkdownPipelineBuilder().UseAdvancedExtensions().Build();
    readonly ObsidianMarkdown _obsidian = new();
    string[] _notes = [];

    [Params("seed", "obsidian-help")]
    public string Corpus { get; set; } = "seed";

    [GlobalSetup]
    public void Load()
    {
        _notes = Corpora.Notes(Corpus);
        // ShortRun sizes its iterations from the first calls, and the Obsidian pipeline runs through far more code than
        // Markdig alone (YamlDotNet, AngleSharp, our extensions): measured straight away, its Help vault renders still
        // included tiered JIT and came out at twice their steady-state time. Every method gets the same warm-up.
        for (var i = 0; i < 30; i++)
        {
            PlainMarkdig();
            MarkdigAdvancedExtensions();
            StudyHubObsidian();
        }
    }

    [Benchmark(Baseline = true)]
    public int PlainMarkdig()
    {
        var length = 0;
        foreach (var note in _notes)
        {
            length += global::Markdig.Markdown.ToHtml(note, DefaultPipeline).Length;
        }
        return length;
    }

    [Benchmark]
    public int MarkdigAdvancedExtensions()
    {
        var length = 0;
        foreach (var note in _notes)
        {
            length += global::Markdig.Markdown.ToHtml(note, AdvancedMarkdig).Length;
        }
        return length;
    }

    [Benchmark]
    public int StudyHubObsidian()
    {
        var length = 0;
        foreach (var note in _notes)
        {
            length += _obsidian.RenderHtml(_obsidian.Parse(note), EveryLinkExists.Instance).Length;
        }
        return length;
    }

    /// Resolves every note link and no attachment, as a vault whose images are missing.
    sealed class EveryLinkExists : INoteRenderContext
    {
        public static readonly EveryLinkExists Instance = new();

        public NoteLinkTarget ResolveNote(string target) => new($"/notes/{target}", Exists: true);

        public AttachmentTarget? ResolveAttachment(string name) => null;

        public ParsedNote? LoadNoteForEmbed(string target) => null;

        public string? TimestampHref(WrittenTime time) => $"?t={time.Seconds}";
    }
}
