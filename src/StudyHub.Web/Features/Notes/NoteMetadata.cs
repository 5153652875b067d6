using System.Globalization;
using System.Text.Json;

namespace StudyHub.Web.Features.Notes;

/// Read access to a note's stored front matter and inline fields, keys compared without case.
public sealed class NoteMetadata
{
    readonly Dictionary<string, JsonElement> _fields;

    NoteMetadata(Dictionary<string, JsonElement> fields) => _fields = fields;

    public static NoteMetadata Parse(string json)
    {
        var fields = new Dictionary<string, JsonElement>(StringComparer.OrdinalIgnoreCase);
        using var document = JsonDocument.Parse(json);
        if (document.RootElement.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in document.RootElement.EnumerateObject())
            {
                fields[property.Name] = property.Value.Clone();
            }
        }
        return new NoteMetadata(fields);
    }

    public string? Text(string key) =>
        _fields.TryGetValue(key, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    /// A text field's value, or each text of a list.
    public IEnumerable<string> Texts(string key) => _fields.TryGetValue(key, out var value) ? value.ValueKind switch
    {
        JsonValueKind.String => [value.GetString()!],
        JsonValueKind.Array => value.EnumerateArray().Where(v => v.ValueKind == JsonValueKind.String).Select(v => v.GetString()!),
        _ => [],
    } : [];

    /// A number, written as one or as text ("lecture: 3", "order: '03'").
    public double? Number(string key) => _fields.TryGetValue(key, out var value) ? value.ValueKind switch
    {
        JsonValueKind.Number => value.GetDouble(),
        JsonValueKind.String when double.TryParse(value.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var number) => number,
        _ => null,
    } : null;

    /// An http(s) URL field; anything else (javascript:, relative paths) is not offered as a link.
    public string? Url(string key) =>
        Text(key) is { } text && Uri.TryCreate(text.Trim(), UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
            ? uri.AbsoluteUri
            : null;
}
