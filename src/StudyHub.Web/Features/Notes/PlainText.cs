namespace StudyHub.Web.Features.Notes;

/// What previews and descriptions take from a note's plain text (which rendering gives, see RenderedNote.PlainText).
public static class PlainText
{
    /// The first line of real prose, for link previews and descriptions: not a field, a tag or a bare link.
    public static string Lead(string plainText, int maxLength = 200)
    {
        var line = FirstProse(plainText).ToString();
        if (line.Length <= maxLength)
        {
            return line;
        }
        var cut = line.LastIndexOf(' ', maxLength);
        return line[..(cut > 0 ? cut : maxLength)] + "…";
    }

    /// Line by line without splitting the whole text: every import asks this of every note, and the line is mostly near the top.
    static ReadOnlySpan<char> FirstProse(ReadOnlySpan<char> text)
    {
        while (true)
        {
            var end = text.IndexOf('\n');
            var line = (end < 0 ? text : text[..end]).Trim();
            if (line.Length >= 40 && !line.StartsWith("http", StringComparison.OrdinalIgnoreCase) && !LooksLikeField(line))
            {
                return line;
            }
            if (end < 0)
            {
                return [];
            }
            text = text[(end + 1)..];
        }
    }

    static bool LooksLikeField(ReadOnlySpan<char> line)
    {
        var colon = line.IndexOf(':');
        return colon is > 0 and < 30 && !line[..colon].Contains(' ');
    }
}
