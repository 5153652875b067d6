using System.Text.Json;
using System.Text.Json.Serialization;

namespace StudyHub.Web.Features.Graph;

/// What a note or a not-yet-written concept is about.
[JsonConverter(typeof(NodeKindJsonConverter))]
public enum NodeKind { Lecture, Model, Paper, Person, Organization, Dataset, Benchmark, Technique, Other, Unclassified }

public static class NodeKinds
{
    static readonly Dictionary<string, NodeKind> Words = new(StringComparer.OrdinalIgnoreCase)
    {
        ["lecture"] = NodeKind.Lecture, ["lectures"] = NodeKind.Lecture, ["talk"] = NodeKind.Lecture,
        ["model"] = NodeKind.Model, ["models"] = NodeKind.Model,
        ["paper"] = NodeKind.Paper, ["papers"] = NodeKind.Paper, ["publication"] = NodeKind.Paper,
        ["person"] = NodeKind.Person, ["people"] = NodeKind.Person,
        ["organization"] = NodeKind.Organization, ["organisation"] = NodeKind.Organization, ["organizations"] = NodeKind.Organization,
        ["org"] = NodeKind.Organization, ["company"] = NodeKind.Organization, ["lab"] = NodeKind.Organization,
        ["dataset"] = NodeKind.Dataset, ["datasets"] = NodeKind.Dataset,
        ["benchmark"] = NodeKind.Benchmark, ["benchmarks"] = NodeKind.Benchmark,
        ["technique"] = NodeKind.Technique, ["techniques"] = NodeKind.Technique, ["idea"] = NodeKind.Technique,
        ["concept"] = NodeKind.Technique, ["method"] = NodeKind.Technique,
        ["other"] = NodeKind.Other,
    };

    public static IReadOnlyList<NodeKind> All { get; } = Enum.GetValues<NodeKind>();

    /// The kind a front matter type, a tag or a URL parameter names ("person", "people", "Technique"), if any.
    public static NodeKind? Parse(string? word) =>
        word is not null && Words.TryGetValue(word.Trim(), out var kind) ? kind
        : Enum.TryParse<NodeKind>(word, ignoreCase: true, out var named) && Enum.IsDefined(named) ? named
        : null;

    /// A note's kind, the one rule search and the graph share: its front matter type where it names a kind, else the
    /// first tag that does (#person, #type/dataset), else what the note looks like (a video link makes a lecture, an arXiv
    /// link a paper), else the type as written ("actors"), which search can filter by though the graph has no kind for it.
    public static string? OfNote(NoteFields fields, IEnumerable<string> tags) =>
        (Parse(fields.Type)
         ?? tags.SelectMany(t => t.Split('/')).Select(Parse).FirstOrDefault(k => k is not null)
         ?? (fields.LooksLikePaper ? NodeKind.Paper : fields.LooksLikeLecture ? NodeKind.Lecture : null))?.Name()
        ?? fields.Type?.ToLowerInvariant();

    /// How the API and URLs spell a kind: "person", "technique".
    public static string Name(this NodeKind kind) => kind.ToString().ToLowerInvariant();

    /// How a page heads a group of nodes of a kind.
    public static string Plural(this NodeKind kind) => kind switch
    {
        NodeKind.Person => "People",
        NodeKind.Technique => "Techniques and ideas",
        NodeKind.Unclassified => "Unclassified",
        NodeKind.Other => "Other",
        _ => kind + "s",
    };
}

/// JSON spells kinds as the API and URLs do: "person", not "Person".
public sealed class NodeKindJsonConverter() : JsonStringEnumConverter<NodeKind>(JsonNamingPolicy.CamelCase, allowIntegerValues: false);
