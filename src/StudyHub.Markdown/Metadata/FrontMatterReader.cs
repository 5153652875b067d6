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
        var root = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase);
        var stack = new Stack<Frame>();
        var anchors = new Dictionary<string, object?>();
        object? document = null;
        var nodes = 0;
        try
        {
            var parser = new Parser(new StringReader(yaml));
            while (parser.MoveNext())
            {
                object? value;
                switch (parser.Current)
                {
                    case MappingStart start:
                        value = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase);
                        Remember(anchors, start.Anchor, value);
                        break;
                    case SequenceStart start:
                        value = new List<object?>();
                        Remember(anchors, start.Anchor, value);
                        break;
                    case Scalar scalar:
                        value = ConvertScalar(scalar);
                        Remember(anchors, scalar.Anchor, value);
                        break;
                    case AnchorAlias alias:
                        value = anchors.GetValueOrDefault(alias.Value.Value);
                        break;
                    case MappingEnd or SequenceEnd:
                        stack.Pop();
                        continue;
                    default:
                        continue;
                }

                if (++nodes > MaxNodes || stack.Count >= MaxDepth)
                {
                    warnings.Add(new NoteWarning(firstLine + (int)parser.Current!.Start.Line - 1, "Front matter is too large or too deeply nested; the rest is ignored."));
                    break;
                }

                if (stack.Count == 0)
                {
                    document ??= value;
                }
                else
                {
                    stack.Peek().Add(value);
                }

                if (parser.Current is MappingStart or SequenceStart)
                {
                    stack.Push(new Frame(value!));
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

        return root;
    }

    private static void Remember(Dictionary<string, object?> anchors, AnchorName anchor, object? value)
    {
        if (!anchor.IsEmpty)
        {
            anchors[anchor.Value] = value;
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

    private sealed class Frame(object container)
    {
        private string? key;

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
