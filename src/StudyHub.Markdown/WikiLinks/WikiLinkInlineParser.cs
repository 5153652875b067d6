using Markdig.Helpers;
using Markdig.Parsers;
using Markdig.Syntax;

namespace StudyHub.Markdown.WikiLinks;

// Parses [[Target#Heading|Alias]] and ![[Target]]; one line at most, like Obsidian.
internal sealed class WikiLinkInlineParser : InlineParser
{
    private const int MaxLength = 1024;

    public WikiLinkInlineParser()
    {
        OpeningCharacters = ['[', '!'];
    }

    public override bool Match(InlineProcessor processor, ref StringSlice slice)
    {
        var text = slice.Text;
        var start = slice.Start;
        var isEmbed = slice.CurrentChar == '!';
        var open = isEmbed ? start + 1 : start;
        if (open + 1 > slice.End || text[open] != '[' || text[open + 1] != '[')
        {
            return false;
        }

        var contentStart = open + 2;
        var close = -1;
        // Stopping at a line end, a nested "[[" or MaxLength keeps a line of many "[[" linear.
        var scanEnd = Math.Min(slice.End, contentStart + MaxLength);
        for (var i = contentStart; i < scanEnd; i++)
        {
            var c = text[i];
            if (c is '\n' or '\r' || (c == '[' && text[i + 1] == '['))
            {
                return false;
            }

            if (c == ']' && text[i + 1] == ']')
            {
                close = i;
                break;
            }
        }

        if (close <= contentStart)
        {
            return false;
        }

        var link = Create(text[contentStart..close], isEmbed);
        if (link is null)
        {
            return false;
        }

        var end = close + 1;
        link.Span = new SourceSpan(processor.GetSourcePosition(start, out var line, out var column), processor.GetSourcePosition(end));
        link.Line = line;
        link.Column = column;
        processor.Inline = link;
        slice.Start = end + 1;
        return true;
    }

    public static WikiLinkInline? Create(string content, bool isEmbed)
    {
        string? alias = null;
        var pipe = content.IndexOf('|', StringComparison.Ordinal);
        if (pipe >= 0)
        {
            alias = content[(pipe + 1)..].Trim();
            // Obsidian writes "[[Note\|alias]]" inside tables so the pipe does not split the cell.
            content = content[..pipe].TrimEnd('\\');
        }

        string? heading = null;
        string? blockId = null;
        var hash = content.IndexOf('#', StringComparison.Ordinal);
        if (hash >= 0)
        {
            var section = content[(hash + 1)..];
            content = content[..hash];
            if (section.StartsWith('^'))
            {
                blockId = section[1..].Trim();
            }
            else
            {
                // "[[Note#Chapter#Section]]" links to the innermost heading.
                heading = section[(section.LastIndexOf('#') + 1)..].Trim();
            }
        }

        var target = content.Trim();
        if (target.Length == 0 && heading is null && blockId is null)
        {
            return null;
        }

        return new WikiLinkInline
        {
            Target = target,
            Alias = string.IsNullOrEmpty(alias) ? null : alias,
            Heading = string.IsNullOrEmpty(heading) ? null : heading,
            BlockId = string.IsNullOrEmpty(blockId) ? null : blockId,
            IsEmbed = isEmbed,
        };
    }
}
