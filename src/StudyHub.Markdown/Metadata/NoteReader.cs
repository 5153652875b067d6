using System.Globalization;
using System.Text.RegularExpressions;
using Markdig.Extensions.Footnotes;
using Markdig.Extensions.Yaml;
using Markdig.Renderers.Html;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;
using StudyHub.Markdown.Comments;
using StudyHub.Markdown.Headings;
using StudyHub.Markdown.Tags;
using StudyHub.Markdown.Timestamps;
using StudyHub.Markdown.WikiLinks;

namespace StudyHub.Markdown.Metadata;

internal static partial class NoteReader
{
    public static ParsedNote Read(MarkdownDocument document, string source, string? fileName, List<NoteWarning> warnings)
    {
        var frontMatter = ReadFrontMatter(document, source, warnings);
        var fields = InlineFieldReader.Read(document, source);
        var headings = new List<NoteHeading>();
        var blockIds = new List<string>();
        var links = ReadFrontMatterLinks(document, source);
        var timestamps = new List<WrittenTime>();
        var thematicBreaks = new List<int>();
        var section = 0;
        var tags = ListOf(Take(frontMatter, "tags") ?? Take(frontMatter, "tag"), splitOnSpaces: true)
            .Select(tag => tag.TrimStart('#'))
            .Where(tag => tag.Length > 0)
            .ToList();
        SyntaxTree.Walk(document, node =>
        {
            if (node is Block block && block.TryGetAttributes()?.Id is ['^', .. var blockId])
            {
                blockIds.Add(blockId);
            }

            // Footnotes are shown after a rule at the end of the page, a section of their own.
            if (node is HeadingBlock or ThematicBreakBlock or FootnoteGroup)
            {
                section++;
            }

            switch (node)
            {
                case WikiLinkInline link:
                    links.Add(new WrittenLink(link.Target, link.Alias, link.Heading, link.BlockId, link.IsEmbed, link.IsAttachment, link.Line + 1, link.Span.Start)
                    {
                        Section = section,
                    });
                    break;
                case TagInline tag:
                    tags.Add(tag.Name);
                    break;
                case TimestampInline timestamp:
                    timestamps.Add(new WrittenTime(timestamp.Text, timestamp.Seconds, timestamp.Line + 1, timestamp.Span.Start));
                    break;
                case ThematicBreakBlock rule when rule.Parent is MarkdownDocument:
                    thematicBreaks.Add(rule.Line + 1);
                    break;
                case HeadingBlock heading:
                    headings.Add(new NoteHeading(heading.Level, InlineText.Of(heading.Inline), heading.TryGetAttributes()?.Id ?? "", heading.Line + 1));
                    break;
                case CommentBlock { IsTerminated: false } comment:
                    warnings.Add(new NoteWarning(comment.Line + 1, "Comment '%%' is never closed; the rest of the note is hidden."));
                    break;
            }
        });

        var title = Convert.ToString(Take(frontMatter, "title"), CultureInfo.InvariantCulture);
        var aliases = ListOf(Take(frontMatter, "aliases") ?? Take(frontMatter, "alias"), splitOnSpaces: false);
        return new ParsedNote(document, fileName)
        {
            // Obsidian names a note by its file, whatever its first heading says; Quartz and Obsidian Publish let "title:" override it.
            Title = FirstNonBlank(title, fileName is null ? null : Path.GetFileNameWithoutExtension(fileName)) ?? "",
            Aliases = aliases,
            Tags = tags.Distinct(StringComparer.OrdinalIgnoreCase).ToList(),
            Properties = frontMatter,
            Fields = fields,
            Links = links,
            Headings = headings,
            BlockIds = blockIds,
            Timestamps = timestamps,
            ThematicBreakLines = thematicBreaks,
            Warnings = warnings,
        };
    }

    private static Dictionary<string, object?> ReadFrontMatter(MarkdownDocument document, string source, List<NoteWarning> warnings)
    {
        if (document.Count > 0 && document[0] is YamlFrontMatterBlock block)
        {
            return FrontMatterReader.Read(block.Lines.ToString(), block.Line + 2, warnings);
        }

        if (source.StartsWith("---\n", StringComparison.Ordinal) || source.StartsWith("---\r\n", StringComparison.Ordinal))
        {
            warnings.Add(new NoteWarning(1, "Front matter is not terminated by a '---' line; it is shown as text."));
        }

        return new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase);
    }

    // Obsidian treats "[[Note]]" in property values as links too (the YAML needs them quoted).
    private static List<WrittenLink> ReadFrontMatterLinks(MarkdownDocument document, string source)
    {
        var links = new List<WrittenLink>();
        if (document.Count == 0 || document[0] is not YamlFrontMatterBlock block || block.Span.End >= source.Length)
        {
            return links;
        }

        var text = source[block.Span.Start..(block.Span.End + 1)];
        foreach (Match match in WikiLinkText().Matches(text))
        {
            if (WikiLinkInlineParser.Create(match.Groups["content"].Value, match.Groups["embed"].Success) is { } link)
            {
                var line = block.Line + 1 + text.AsSpan(0, match.Index).Count('\n');
                links.Add(new WrittenLink(link.Target, link.Alias, link.Heading, link.BlockId, link.IsEmbed, link.IsAttachment, line, block.Span.Start + match.Index)
                {
                    Property = PropertyAt(text, match.Index),
                });
            }
        }

        return links;
    }

    /// The key of the property a value belongs to: the nearest line at or above it that starts unindented with "key:".
    private static string? PropertyAt(string frontMatter, int at)
    {
        var lineStart = frontMatter.LastIndexOf('\n', Math.Max(at - 1, 0)) + 1;
        while (true)
        {
            var line = frontMatter.AsSpan(lineStart, (frontMatter.IndexOf('\n', lineStart) is var end and >= 0 ? end : frontMatter.Length) - lineStart);
            if (line.Length > 0 && !char.IsWhiteSpace(line[0]) && line[0] is not ('-' or '#') && line.IndexOf(':') is var colon and > 0)
            {
                return line[..colon].Trim().Trim('"').Trim('\'').ToString();
            }
            if (lineStart == 0)
            {
                return null;
            }
            var previousEnd = lineStart - 1;
            lineStart = previousEnd == 0 ? 0 : frontMatter.LastIndexOf('\n', previousEnd - 1) + 1;
        }
    }

    [GeneratedRegex(@"(?<embed>!)?\[\[(?<content>[^\[\]\r\n]+)\]\]", RegexOptions.CultureInvariant)]
    private static partial Regex WikiLinkText();

    private static object? Take(Dictionary<string, object?> frontMatter, string key) =>
        frontMatter.Remove(key, out var value) ? value : null;

    private static List<string> ListOf(object? value, bool splitOnSpaces)
    {
        char[] separators = splitOnSpaces ? [',', ' ', '\t'] : [','];
        return value switch
        {
            string text => [.. text.Split(separators, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)],
            IEnumerable<object?> items => [.. items.OfType<object>().Select(item => Convert.ToString(item, CultureInfo.InvariantCulture)!.Trim()).Where(item => item.Length > 0)],
            null => [],
            _ => [Convert.ToString(value, CultureInfo.InvariantCulture)!],
        };
    }

    private static string? FirstNonBlank(params string?[] candidates) => candidates.FirstOrDefault(c => !string.IsNullOrWhiteSpace(c))?.Trim();
}
