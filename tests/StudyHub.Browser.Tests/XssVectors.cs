using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace StudyHub.Browser.Tests;

public sealed record XssVector(int Number, string Family, string Text)
{
    public bool IsOneLine => !Text.Contains('\n', StringComparison.Ordinal) && !Text.Contains('\r', StringComparison.Ordinal);

    /// Whether the vector can be a file or folder name on this file system, and one an import does not skip or split.
    public bool IsFileName => IsOneLine && !Text.Any(c => c is '/' or '\\' || char.IsControl(c)) && !Text.StartsWith('.')
        && Encoding.UTF8.GetByteCount(Text) <= 200;

    public override string ToString() => $"#{Number} ({Family}) {Text}";
}

/// The vectors in XssVectors.txt, with the invisible characters and the gadget's address filled in.
public static partial class XssVectors
{
    /// What a vector that loads the vault's gadget.js would run: it reports itself as every payload does.
    public const string GadgetScript = "window.xssFired = 'gadget.js'; alert('gadget.js');";

    /// The address the app serves the vault's gadget.js at.
    public static readonly string GadgetUrl = AttachmentUrl("gadget.js", GadgetScript);

    /// Attachments are addressed by their content's SHA-256.
    public static string AttachmentUrl(string name, string content) =>
        $"/attachments/{Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(content))).ToLowerInvariant()}/{name}";

    public static IReadOnlyList<XssVector> All { get; } = Load();

    static List<XssVector> Load()
    {
        var vectors = new List<XssVector>();
        var family = "";
        foreach (var line in File.ReadLines(Path.Combine(AppContext.BaseDirectory, "XssVectors.txt")))
        {
            if (line.StartsWith("## ", StringComparison.Ordinal))
            {
                family = line[3..].Trim();
            }
            else if (line.Length > 0 && !line.StartsWith("# ", StringComparison.Ordinal))
            {
                var text = CodePoint().Replace(line, m => char.ConvertFromUtf32(int.Parse(m.Groups[1].Value, NumberStyles.HexNumber, CultureInfo.InvariantCulture)));
                vectors.Add(new XssVector(vectors.Count + 1, family, text.Replace("{gadget}", GadgetUrl, StringComparison.Ordinal)));
            }
        }
        return vectors;
    }

    [GeneratedRegex(@"\{U\+([0-9A-F]{4,6})\}")]
    private static partial Regex CodePoint();
}
