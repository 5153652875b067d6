using System.Buffers;
using System.Net;
using System.Text;

namespace StudyHub.Markdown.Text;

// The text the renderers write besides markup, collected while they write it: the renderer knows which of its writes
// are words and where blocks end, so nothing has to read the HTML back.
internal sealed class NoteText
{
    // Tags that end a line of text wherever raw HTML from a note writes them.
    private static readonly HashSet<string> BlockTags = new(StringComparer.OrdinalIgnoreCase)
    {
        "p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "div", "blockquote", "pre", "tr", "td", "th", "br", "hr", "summary", "details",
    };

    private readonly StringBuilder text = new();

    // The note's own prose: what text gets, less what the renderer mutes (links, code, math, transcluded notes).
    private readonly StringBuilder prose = new();
    private int muted;

    // Where placeholders for missing embeds lie in text: a heading shows them, the note's plain text leaves them out.
    private readonly List<(int Start, int End)> placeholders = [];

    public int Length => text.Length;

    public void Append(string value)
    {
        text.Append(value);
        if (muted == 0)
        {
            prose.Append(value);
        }
    }

    public void Append(ReadOnlySpan<char> value)
    {
        text.Append(value);
        if (muted == 0)
        {
            prose.Append(value);
        }
    }

    public void Break()
    {
        text.Append('\n');
        prose.Append('\n');
    }

    // Until the matching Unmute, text goes to the plain text only. A tab stands for what was left out, so that the words
    // on either side do not read as one name (hosts join words across spaces, not tabs).
    public void Mute()
    {
        if (muted++ == 0)
        {
            prose.Append('\t');
        }
    }

    public void Unmute() => muted--;

    public void AppendPlaceholder(string value)
    {
        placeholders.Add((text.Length, text.Length + value.Length));
        text.Append(value);
    }

    public void Clear()
    {
        text.Clear();
        prose.Clear();
        muted = 0;
        placeholders.Clear();
    }

    public string Since(int start) => text.ToString(start, text.Length - start);

    public override string ToString()
    {
        for (var i = placeholders.Count - 1; i >= 0; i--)
        {
            text.Remove(placeholders[i].Start, placeholders[i].End - placeholders[i].Start);
        }

        placeholders.Clear();
        return Lines(text);
    }

    public string Prose() => Lines(prose);

    // One line per block: blank lines and indentation carry nothing. Each line is trimmed and moved down in place in a
    // pooled copy, so that the text is allocated once as the result rather than also as a string, its lines and their array.
    private static string Lines(StringBuilder written)
    {
        var buffer = ArrayPool<char>.Shared.Rent(written.Length);
        written.CopyTo(0, buffer, written.Length);
        var rest = buffer.AsSpan(0, written.Length);
        var length = 0;
        while (!rest.IsEmpty)
        {
            var end = rest.IndexOf('\n');
            var line = (end < 0 ? rest : rest[..end]).Trim();
            if (!line.IsEmpty)
            {
                if (length > 0)
                {
                    buffer[length++] = '\n';
                }

                // The line lies at or after where it goes; CopyTo copies overlapping spans correctly.
                line.CopyTo(buffer.AsSpan(length));
                length += line.Length;
            }

            rest = end < 0 ? [] : rest[(end + 1)..];
        }

        var lines = new string(buffer, 0, length);
        ArrayPool<char>.Shared.Return(buffer);
        return lines;
    }

    // A raw HTML tag written inline ends a line where it is a block's.
    public void AppendTag(string tag)
    {
        if (tag.Length > 2 && BlockTags.Contains(NameOf(tag.AsSpan(1, tag.Length - 2))))
        {
            Break();
        }
    }

    // REVIEW: raw HTML from a note has no syntax tree of ours, so its text is what lies between its tags; the sanitizer
    // may still drop some of it from the page (a <script>'s body), which the text then keeps.
    public void AppendHtml(string html)
    {
        var start = text.Length;
        var at = 0;
        while (at < html.Length)
        {
            var open = html.IndexOf('<', at);
            if (open < 0)
            {
                text.Append(html, at, html.Length - at);
                break;
            }

            text.Append(html, at, open - at);
            var close = html.IndexOf('>', open);
            if (close < 0)
            {
                break;
            }

            if (BlockTags.Contains(NameOf(html.AsSpan(open + 1, close - open - 1))))
            {
                text.Append('\n');
            }

            at = close + 1;
        }

        var written = text.ToString(start, text.Length - start);
        if (written.Contains('&', StringComparison.Ordinal))
        {
            text.Length = start;
            text.Append(WebUtility.HtmlDecode(written));
        }

        if (muted == 0)
        {
            prose.Append(text, start, text.Length - start);
        }
    }

    private static string NameOf(ReadOnlySpan<char> tag)
    {
        tag = tag.TrimStart('/');
        var end = tag.IndexOfAny(' ', '/', '\n');
        return (end < 0 ? tag : tag[..end]).ToString();
    }
}
