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

    public static Dictionary<string, object?> Read(string yaml, int firstLine, List<NoteWarning> warnings)
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

    private static object? ConvertScalar(Scalar scalar)
    {
        var text = scalar.Value;
        if (scalar.Style != ScalarStyle.Plain)
        {
            return text;
        }

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
