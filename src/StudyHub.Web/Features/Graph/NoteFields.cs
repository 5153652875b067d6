using System.Text.Json;
using System.Text.RegularExpressions;
using StudyHub.Markdown;
using StudyHub.Web.Features.Video;

namespace StudyHub.Web.Features.Graph;

/// What a note's front matter and inline fields say for the graph: its declared type, the typed relations
/// it names (authors, organization, based_on …) and whether it looks like a lecture or a paper.
public sealed partial class NoteFields
{
    /// Fields whose plain values (not only wikilinks) name other notes, and the kind a not-yet-written target then has.
    static readonly Dictionary<string, NodeKind?> RelationFields = new(StringComparer.Ordinal)
    {
        ["authors"] = NodeKind.Person, ["author"] = NodeKind.Person, ["speaker"] = NodeKind.Person, ["speakers"] = NodeKind.Person,
        ["organization"] = NodeKind.Organization, ["organizations"] = NodeKind.Organization, ["affiliation"] = NodeKind.Organization,
        ["trained_on"] = NodeKind.Dataset, ["dataset"] = NodeKind.Dataset, ["datasets"] = NodeKind.Dataset,
        ["introduced_in"] = NodeKind.Paper, ["paper"] = NodeKind.Paper,
        ["evaluated_on"] = NodeKind.Benchmark, ["benchmark"] = NodeKind.Benchmark,
        ["model"] = NodeKind.Model, ["models"] = NodeKind.Model,
        ["based_on"] = null,
    };

    /// Fields that describe the note itself and never name another one.
    static readonly HashSet<string> OwnFields = new(StringComparer.Ordinal) { "type", "title", "tags", "tag", "aliases", "alias", "cssclasses", "subject" };

    NoteFields(string? type, List<(string Field, string Target)> relations, bool looksLikeLecture, bool looksLikePaper)
    {
        Type = type;
        Relations = relations;
        LooksLikeLecture = looksLikeLecture;
        LooksLikePaper = looksLikePaper;
    }

    /// The front matter type, the first one where it lists several, the linked name where it is a link.
    public string? Type { get; }

    /// Each relation as its field name ("authors", "based_on") and the target as written, without brackets.
    public IReadOnlyList<(string Field, string Target)> Relations { get; }

    /// A Link: field to a video recording.
    public bool LooksLikeLecture { get; }

    /// A Paper: field pointing at arXiv.
    public bool LooksLikePaper { get; }

    /// The kind a relation implies for its target: an author is a person, what a model is trained on is a dataset.
    public static NodeKind? KindImpliedBy(string field) => RelationFields.GetValueOrDefault(field);

    public static NoteFields Read(string frontMatterJson)
    {
        string? type = null;
        var relations = new List<(string, string)>();
        var lecture = false;
        var paper = false;
        using var document = JsonDocument.Parse(frontMatterJson);
        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            return new NoteFields(null, relations, false, false);
        }
        foreach (var property in document.RootElement.EnumerateObject())
        {
            var field = FieldName(property.Name);
            var values = ValuesOf(property.Value).ToList();
            if (field == "type")
            {
                // Property-driven vaults write the type as a link: type: "[[Directors|director]]" is "Directors".
                type = values.Select(v => WikiLink().Match(v) is { Success: true } link ? link.Groups[1].Value : v)
                    .Select(v => v.Trim()).FirstOrDefault(v => v.Length > 0);
            }
            if (LectureMedia.FrontMatterKeys.Contains(field) && values.Any(v => MediaSource.FromUrl(v) is { Kind: MediaKind.Video }))
            {
                lecture = true;
            }
            if (field is "paper" or "arxiv" && values.Any(v => v.Contains("arxiv.org/", StringComparison.OrdinalIgnoreCase)))
            {
                paper = true;
            }
            // A long "field" is a sentence the inline-field reader took for one ("Obsidian has two sidebars: …").
            if (OwnFields.Contains(field) || field.Count(c => c == '_') > 2)
            {
                continue;
            }
            foreach (var value in values)
            {
                var linked = WikiLink().Matches(value).Select(m => m.Groups[1].Value.Trim()).Where(t => t.Length > 0).ToList();
                if (linked.Count > 0)
                {
                    relations.AddRange(linked.Select(target => (field, target)));
                }
                else if (RelationFields.ContainsKey(field) && !value.Contains("://", StringComparison.Ordinal))
                {
                    relations.AddRange(value.Split([',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                        .Where(name => name.Length <= 200)
                        .Select(name => (field, name)));
                }
            }
        }
        return new NoteFields(type, relations, lecture, paper);
    }

    /// "Based on", "based-on" and "based_on" are one field.
    static string FieldName(string name) => name.Trim().ToLowerInvariant().Replace(' ', '_').Replace('-', '_');

    static IEnumerable<string> ValuesOf(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => [value.GetString()!],
        JsonValueKind.Array => value.EnumerateArray().Where(v => v.ValueKind == JsonValueKind.String).Select(v => v.GetString()!),
        _ => [],
    };

    [GeneratedRegex(@"\[\[([^\]|#^]*)[^\]]*\]\]", RegexOptions.CultureInvariant)]
    private static partial Regex WikiLink();
}
