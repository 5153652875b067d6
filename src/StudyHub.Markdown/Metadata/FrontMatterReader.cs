using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace StudyHub.Markdown.Metadata;

// Reads front matter into plain .NET values from YamlDotNet's event stream. Building the values with an explicit stack
// bounds nesting, and sharing anchored values instead of copying them defuses alias bombs.
internal static class FrontMatterReader
{
    private const int MaxDepth = 64;
    private const int MaxNodes = 100_000;
    // Lines and one-line list items read without YamlDotNet, far below MaxNodes so that the two never differ on a cut.
    private const int MaxFlatEntries = 1_000;

    public static Dictionary<string, object?> Read(string yaml, int firstLine, List<NoteWarning> warnings) =>
        ReadFlat(yaml) ?? ReadYaml(yaml, firstLine, warnings);

    // Most front matter is a few "key: plain value" lines, perhaps with a list of plain items under a key ("  - item") or
    // on the key's line (tags: [a, "b c"]), which read the same without YamlDotNet; setting up its parser cost about as much as
    // parsing a short note. Anything else (other quoting, nesting, comments, tabs, anchors, a value starting with an
    // indicator or holding ": " or " #") is left to YamlDotNet, so this decides nothing YAML would not.
    private static Dictionary<string, object?>? ReadFlat(string yaml)
    {
        if (yaml.Contains('\r', StringComparison.Ordinal))
        {
            return null;
        }

        var fields = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase);
        string? listKey = null;
        List<object?>? list = null;
        var listIndent = 0;
        var entries = 0;
        foreach (var range in yaml.AsSpan().Split('\n'))
        {
            var line = yaml.AsSpan(range).TrimEnd(' ');
            if (line.IsEmpty)
            {
                continue;
            }

            if (++entries > MaxFlatEntries)
            {
                return null;
            }

            var indent = line.Length - line.TrimStart(' ').Length;
            if (line[indent] == '-' && (line.Length == indent + 1 || line[indent + 1] == ' '))
            {
                var item = line[(indent + 1)..].TrimStart(' ');
                if (listKey is null || (list is not null && indent != listIndent) || !IsFlatValue(item))
                {
                    return null;
                }

                if (list is null)
                {
                    fields[listKey] = list = [];
                    listIndent = indent;
                }

                list.Add(ConvertPlain(item.ToString()));
                continue;
            }

            var colon = line.IndexOf(':');
            if (indent > 0 || colon <= 0 || !IsFlatKey(line[..colon]))
            {
                return null;
            }

            var value = line[(colon + 1)..];
            if (!value.IsEmpty && value[0] != ' ')
            {
                return null;
            }

            value = value.TrimStart(' ');
            object? converted;
            if (value.StartsWith('['))
            {
                if (ReadFlowList(value) is not { } items || (entries += items.Count) > MaxFlatEntries)
                {
                    return null;
                }

                converted = items;
            }
            else if (IsFlatValue(value))
            {
                converted = ConvertPlain(value.ToString());
            }
            else
            {
                return null;
            }

            // Keys are converted like values, as the YAML path does ("true:" is the key "True").
            var key = Convert.ToString(ConvertPlain(line[..colon].ToString()), CultureInfo.InvariantCulture) ?? "";
            fields[key] = converted;
            (listKey, list) = (value.IsEmpty ? key : null, null);
        }

        return fields;
    }

    // A list on one line, such as [a, "b c"]: items that are flat values without commas, brackets or quotes, or
    // double-quoted without escapes. Empty items, nesting and anything else go to YamlDotNet.
    private static List<object?>? ReadFlowList(ReadOnlySpan<char> value)
    {
        if (!value.EndsWith(']'))
        {
            return null;
        }

        var items = new List<object?>();
        var inner = value[1..^1];
        if (inner.Trim(' ').IsEmpty)
        {
            return items;
        }

        foreach (var range in inner.Split(','))
        {
            var item = inner[range].Trim(' ');
            if (item is ['"', .. var quoted, '"'] && quoted.IndexOfAny('"', '\\') < 0 && IsFlatValue(quoted))
            {
                items.Add(quoted.ToString());
            }
            else if (!item.IsEmpty && item.IndexOfAny("[]{}\"") < 0 && IsFlatValue(item))
            {
                items.Add(ConvertPlain(item.ToString()));
            }
            else
            {
                return null;
            }
        }

        return items;
    }

    private static bool IsFlatKey(ReadOnlySpan<char> key)
    {
        if (!char.IsAsciiLetter(key[0]) && key[0] != '_')
        {
            return false;
        }

        foreach (var c in key)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('_' or '-'))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsFlatValue(ReadOnlySpan<char> value)
    {
        if (value.IsEmpty)
        {
            return true;
        }

        if (value[0] is '-' or '?' or ':' or ',' or '[' or ']' or '{' or '}' or '#' or '&' or '*' or '!' or '|' or '>' or '\'' or '"' or '%' or '@' or '`'
            || value[^1] == ':' || value.Contains(": ", StringComparison.Ordinal) || value.Contains(" #", StringComparison.Ordinal))
        {
            return false;
        }

        foreach (var c in value)
        {
            if (char.IsControl(c) || c is '\uFEFF' or '\u2028' or '\u2029')
            {
                return false;
            }
        }

        return true;
    }

    private static Dictionary<string, object?> ReadYaml(string yaml, int firstLine, List<NoteWarning> warnings)
    {
        var stack = new Stack<Frame>();
        var anchors = new Dictionary<string, (object? Value, int Size)>();
        object? document = null;
        var expandedNodes = 0;
        try
        {
            var parser = new Parser(new StringReader(yaml));
            while (parser.MoveNext())
            {
                object? value;
                var size = 1;
                switch (parser.Current)
                {
                    case MappingStart:
                        value = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase);
                        break;
                    case SequenceStart:
                        value = new List<object?>();
                        break;
                    case Scalar scalar:
                        value = ConvertScalar(scalar);
                        Remember(anchors, scalar.Anchor, value, size);
                        break;
                    case AnchorAlias alias:
                        // An alias shares the anchored value but counts at its expanded size, so consumers that walk
                        // the values (JSON serialisation) stay bounded too.
                        (value, size) = anchors.GetValueOrDefault(alias.Value.Value, (null, 1));
                        break;
                    case MappingEnd or SequenceEnd:
                        var done = stack.Pop();
                        // Anchors register once complete, so "&a [*a]" cannot make a value contain itself.
                        Remember(anchors, done.Anchor, done.Container, done.Size);
                        if (stack.TryPeek(out var parent))
                        {
                            parent.Size += done.Size;
                        }

                        continue;
                    default:
                        continue;
                }

                expandedNodes += size;
                if (expandedNodes > MaxNodes || stack.Count >= MaxDepth)
                {
                    warnings.Add(new NoteWarning(firstLine + (int)parser.Current!.Start.Line - 1, "Front matter is too large or too deeply nested; the rest is ignored."));
                    break;
                }

                if (stack.TryPeek(out var frame))
                {
                    frame.Add(value);
                }
                else
                {
                    document ??= value;
                }

                if (parser.Current is NodeEvent { Anchor: var anchor } and (MappingStart or SequenceStart))
                {
                    stack.Push(new Frame(value!, anchor));
                }
                else if (stack.TryPeek(out var container))
                {
                    container.Size += size;
                }
            }
        }
        catch (YamlException ex)
        {
            warnings.Add(new NoteWarning(firstLine + (int)ex.Start.Line - 1, $"Invalid YAML in front matter: {ex.Message}"));
        }
        catch (Exception ex)
        {
            // YamlDotNet also fails with other exception types on some malformed input (found by FuzzTests); a note must still parse.
            warnings.Add(new NoteWarning(firstLine, $"Invalid YAML in front matter: {ex.Message}"));
        }

        if (document is Dictionary<string, object?> map)
        {
            return map;
        }

        if (document is not null)
        {
            warnings.Add(new NoteWarning(firstLine, "Front matter is not a set of key: value fields."));
        }

        return new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase);
    }

    private static void Remember(Dictionary<string, (object?, int)> anchors, AnchorName anchor, object? value, int size)
    {
        if (!anchor.IsEmpty)
        {
            anchors[anchor.Value] = (value, size);
        }
    }

    private static object? ConvertScalar(Scalar scalar) => scalar.Style == ScalarStyle.Plain ? ConvertPlain(scalar.Value) : scalar.Value;

    private static object? ConvertPlain(string text)
    {
        if (text.Length == 0 || text is "~" || text.Equals("null", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        if (bool.TryParse(text, out var flag))
        {
            return flag;
        }

        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer))
        {
            return integer;
        }

        return text.Any(char.IsAsciiDigit) && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
            ? number
            : text;
    }

    private sealed class Frame(object container, AnchorName anchor)
    {
        private string? key;

        public object Container => container;

        public AnchorName Anchor => anchor;

        // This value's node count with aliases expanded.
        public int Size { get; set; } = 1;

        public void Add(object? value)
        {
            if (container is List<object?> list)
            {
                list.Add(value);
            }
            else if (key is null)
            {
                key = Convert.ToString(value, CultureInfo.InvariantCulture) ?? "";
            }
            else
            {
                ((Dictionary<string, object?>)container)[key] = value;
                key = null;
            }
        }
    }
}
