namespace StudyHub.Web.Features.Notes;

/// What previews and descriptions take from a note's plain text (which rendering gives, see RenderedNote.PlainText).
public static class PlainText
{
    /// The first line of real prose, for link previews and descriptions: not a field, a tag or a bare link.
    public static string Lead(string plainText, int maxLength = 200)
    {
        var line = plainText.Split('\n', StringSplitOptions.TrimEntries)
            .FirstOrDefault(l => l.Length >= 40 && !l.StartsWith("http", StringComparison.OrdinalIgnoreCase) && !LooksLikeField(l)) ?? "";
        if (line.Length <= maxLength)
        {
            return line;
        }
        var cut = line.LastIndexOf(' ', maxLength);
        return line[..(cut > 0 ? cut : maxLength)] + "…";
    }

    static bool LooksLikeField(string line)
    {
        var colon = line.IndexOf(':', StringComparison.Ordinal);
        return colon is > 0 and < 30 && !line.AsSpan(0, colon).Contains(' ');
    }
}
