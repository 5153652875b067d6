using System.Collections.Frozen;
using System.Text;

namespace StudyHub.Markdown.Rendering;

// A raw inline tag that needs no sanitizer: a text-level element from a short list, none of which the HTML parser
// closes, reopens or moves on its own as long as they are properly nested (ObsidianHtmlRenderer checks that per run
// of inlines), with only class, title, lang or dir attributes and no character references in their values. It is
// written back in a canonical form, so the browser reads exactly what was checked. Anything else is sanitized.
internal readonly record struct SafeInlineTag(string Name, bool IsEnd, string Canonical)
{
    public static readonly FrozenSet<string> Elements = new[]
    {
        "abbr", "b", "bdi", "br", "cite", "code", "del", "dfn", "em", "i", "ins", "kbd", "mark", "q", "s", "samp", "small",
        "span", "strong", "sub", "sup", "time", "u", "var", "wbr",
    }.ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    public static readonly FrozenSet<string> Attributes = new[] { "class", "dir", "lang", "title" }.ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> ElementNames = Elements.GetAlternateLookup<ReadOnlySpan<char>>();
    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> AttributeNames = Attributes.GetAlternateLookup<ReadOnlySpan<char>>();

    public bool IsVoid => Name is "br" or "wbr";

    public static bool TryParse(string tag, out SafeInlineTag result)
    {
        result = default;
        var text = tag.AsSpan();
        if (text.Length < 3 || text[0] != '<' || text[^1] != '>')
        {
            return false;
        }

        var isEnd = text[1] == '/';
        var i = isEnd ? 2 : 1;
        var nameStart = i;
        while (char.IsAsciiLetter(text[i]))
        {
            i++;
        }

        if (!ElementNames.TryGetValue(text[nameStart..i], out var name))
        {
            return false;
        }

        var isVoid = name is "br" or "wbr";
        var canonical = new StringBuilder(isEnd ? "</" : "<").Append(name);
        if (isEnd)
        {
            while (IsSpace(text[i]))
            {
                i++;
            }

            if (isVoid || i != text.Length - 1)
            {
                return false;
            }

            result = new SafeInlineTag(name, IsEnd: true, canonical.Append('>').ToString());
            return true;
        }

        var seen = new HashSet<string>();
        while (true)
        {
            var spaceStart = i;
            while (IsSpace(text[i]))
            {
                i++;
            }

            if (text[i] == '>' || (text[i] == '/' && text[i + 1] == '>' && isVoid))
            {
                if (i + (text[i] == '/' ? 2 : 1) != text.Length)
                {
                    return false;
                }

                break;
            }

            var attributeStart = i;
            while (char.IsAsciiLetter(text[i]))
            {
                i++;
            }

            if (attributeStart == spaceStart || !AttributeNames.TryGetValue(text[attributeStart..i], out var attribute) || !seen.Add(attribute)
                || !TryReadValue(text, ref i, out var value) || value.Contains('&'))
            {
                return false;
            }

            canonical.Append(' ').Append(attribute).Append("=\"").Append(value.Replace("\"", "&quot;").Replace("<", "&lt;").Replace(">", "&gt;")).Append('"');
        }

        result = new SafeInlineTag(name, IsEnd: false, canonical.Append('>').ToString());
        return true;
    }

    // Reads "=value", "='value'" or "=\"value\"" after an attribute name, or nothing for a bare attribute.
    private static bool TryReadValue(ReadOnlySpan<char> text, ref int i, out string value)
    {
        value = "";
        var j = i;
        while (IsSpace(text[j]))
        {
            j++;
        }

        if (text[j] != '=')
        {
            return IsSpace(text[i]) || text[i] is '>' or '/';
        }

        j++;
        while (IsSpace(text[j]))
        {
            j++;
        }

        if (text[j] is '"' or '\'')
        {
            var length = text[(j + 1)..].IndexOf(text[j]);
            if (length < 0)
            {
                return false;
            }

            value = text.Slice(j + 1, length).ToString();
            i = j + length + 2;
            return IsSpace(text[i]) || text[i] is '>' or '/';
        }

        var start = j;
        while (!IsSpace(text[j]) && text[j] is not ('"' or '\'' or '=' or '<' or '>' or '`'))
        {
            j++;
        }

        value = text[start..j].ToString();
        i = j;
        return j > start && text[j] != '<' && text[j] != '=' && text[j] != '`' && text[j] != '"' && text[j] != '\'';
    }

    private static bool IsSpace(char c) => c is ' ' or '\t' or '\n' or '\r' or '\f';
}
