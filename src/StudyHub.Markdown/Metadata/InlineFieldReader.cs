using System.Text.RegularExpressions;
using Markdig.Extensions.Yaml;
using Markdig.Syntax;
using StudyHub.Markdown.Comments;

namespace StudyHub.Markdown.Metadata;

// Reads Key: value lines from the top of a note (before its first line of prose) and Dataview
// Key:: value lines anywhere outside code.
internal static partial class InlineFieldReader
{
    public static Dictionary<string, string> Read(MarkdownDocument document, string source)
    {
        var fields = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        ReadTopFields(document, source, fields);
        if (!source.Contains("::", StringComparison.Ordinal))
        {
            return fields;
        }

        foreach (var paragraph in SyntaxTree.Blocks<ParagraphBlock>(document))
        {
            if (!HasSpanIn(paragraph, source) || !source.AsSpan(paragraph.Span.Start, paragraph.Span.Length).Contains("::", StringComparison.Ordinal))
            {
                continue;
            }

            foreach (var line in LinesOf(paragraph, source))
            {
                var match = DataviewField().Match(line);
                if (match.Success)
                {
                    fields.TryAdd(match.Groups["key"].Value.Trim(), match.Groups["value"].Value.Trim());
                }
            }
        }

        return fields;
    }

    private static void ReadTopFields(MarkdownDocument document, string source, Dictionary<string, string> fields)
    {
        foreach (var block in document)
        {
            switch (block)
            {
                case YamlFrontMatterBlock or ThematicBreakBlock or CommentBlock or LinkReferenceDefinitionGroup:
                    continue;
                case ParagraphBlock paragraph:
                    foreach (var line in LinesOf(paragraph, source))
                    {
                        var match = TopField().Match(line);
                        if (match.Success)
                        {
                            fields.TryAdd(match.Groups["key"].Value.Trim(), match.Groups["value"].Value.Trim());
                        }
                        else if (!TagsOnly().IsMatch(line))
                        {
                            return;
                        }
                    }

                    continue;
                default:
                    return;
            }
        }
    }

    private static IEnumerable<string> LinesOf(ParagraphBlock paragraph, string source)
    {
        if (!HasSpanIn(paragraph, source))
        {
            return [];
        }

        return source[paragraph.Span.Start..(paragraph.Span.End + 1)].Split('\n').Select(line => line.Trim().TrimStart('>').Trim());
    }

    private static bool HasSpanIn(ParagraphBlock paragraph, string source) =>
        paragraph.Span.Start >= 0 && paragraph.Span.End < source.Length && paragraph.Span.End >= paragraph.Span.Start;

    [GeneratedRegex(@"^(?<key>[\p{L}][\p{L}\p{N} _-]{0,30}?)\s*::?\s*(?<value>(?!//)\S.*)$", RegexOptions.CultureInvariant)]
    private static partial Regex TopField();

    [GeneratedRegex(@"^(?:[-*+]\s+)?(?<key>[\p{L}\p{N}_][\p{L}\p{N} _-]{0,60}?)\s*::\s*(?<value>.*)$", RegexOptions.CultureInvariant)]
    private static partial Regex DataviewField();

    [GeneratedRegex(@"^(#[^\s#]+\s*)+$", RegexOptions.CultureInvariant)]
    private static partial Regex TagsOnly();
}
