namespace StudyHub.Markdown.Rendering;

// Follows which elements a note's raw HTML leaves open, so that "<details>" in one block and "</details>" three blocks
// later are sanitized as one piece, as they were when the whole note went through the sanitizer. It only decides how
// much output is sanitized together, never whether raw HTML is: a wrong guess can change how malformed HTML nests, not
// what gets through.
internal sealed class RawHtmlNesting
{
    private static readonly HashSet<string> VoidElements = new(StringComparer.OrdinalIgnoreCase)
    {
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr",
    };

    // Elements whose content is text up to their end tag.
    private static readonly HashSet<string> TextElements = new(StringComparer.OrdinalIgnoreCase)
    {
        "script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes", "noscript", "plaintext",
    };

    // Deeper nesting than this is taken to stay open to the end of the note, which keeps each end tag's search short.
    private const int MaximumDepth = 256;

    private readonly List<string> open = [];
    private bool tooDeep;

    // What ends the comment or text element the last fragment left open ("-->" or "</script"), if any.
    private string? pendingEnd;

    public bool IsBalanced => open.Count == 0 && pendingEnd is null && !tooDeep;

    public void Clear()
    {
        open.Clear();
        pendingEnd = null;
        tooDeep = false;
    }

    public void Read(ReadOnlySpan<char> html)
    {
        var i = 0;
        while (i < html.Length)
        {
            if (pendingEnd is not null)
            {
                var end = html[i..].IndexOf(pendingEnd, StringComparison.OrdinalIgnoreCase);
                if (end < 0)
                {
                    return;
                }

                i += end + pendingEnd.Length;
                if (pendingEnd != "-->")
                {
                    open.RemoveAt(open.Count - 1);
                }

                pendingEnd = null;
                continue;
            }

            var lt = html[i..].IndexOf('<');
            if (lt < 0)
            {
                return;
            }

            i += lt + 1;
            var rest = html[i..];
            if (rest.StartsWith("!--", StringComparison.Ordinal))
            {
                i += 3;
                pendingEnd = "-->";
            }
            else if (rest.Length > 1 && rest[0] == '/' && char.IsAsciiLetter(rest[1]))
            {
                var name = NameAt(rest[1..]);
                var index = open.Count - 1;
                while (index >= 0 && !name.Equals(open[index], StringComparison.OrdinalIgnoreCase))
                {
                    index--;
                }

                if (index >= 0)
                {
                    open.RemoveRange(index, open.Count - index);
                }

                i += 1 + name.Length;
            }
            else if (rest.Length > 0 && char.IsAsciiLetter(rest[0]))
            {
                var name = NameAt(rest).ToString();
                i += name.Length + TagLength(html[(i + name.Length)..], out var selfClosing);
                if (!selfClosing && !VoidElements.Contains(name))
                {
                    if (open.Count == MaximumDepth)
                    {
                        tooDeep = true;
                        return;
                    }

                    open.Add(name);
                    if (TextElements.Contains(name))
                    {
                        pendingEnd = "</" + name;
                    }
                }
            }
        }
    }

    private static ReadOnlySpan<char> NameAt(ReadOnlySpan<char> text)
    {
        var length = 0;
        while (length < text.Length && (char.IsAsciiLetterOrDigit(text[length]) || text[length] == '-'))
        {
            length++;
        }

        return text[..length];
    }

    // The length of a start tag's attributes up to and including its '>', skipping quoted values.
    private static int TagLength(ReadOnlySpan<char> text, out bool selfClosing)
    {
        selfClosing = false;
        char? quote = null;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quote is not null)
            {
                quote = c == quote ? null : quote;
            }
            else if (c is '"' or '\'')
            {
                quote = c;
            }
            else if (c == '>')
            {
                selfClosing = i > 0 && text[i - 1] == '/';
                return i + 1;
            }
        }

        return text.Length;
    }
}
