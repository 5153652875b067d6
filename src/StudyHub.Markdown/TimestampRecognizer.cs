namespace StudyHub.Markdown;

/// <summary>A video time found in prose, such as <c>28:00</c> or <c>1:02:03</c>.</summary>
/// <param name="Index">Where the time starts in the searched text.</param>
/// <param name="Length">How many characters the time spans.</param>
/// <param name="Seconds">The time in seconds from the start of the video.</param>
public readonly record struct TimestampMatch(int Index, int Length, int Seconds);

/// <summary>
/// Recognises <c>m:ss</c>, <c>mm:ss</c> and <c>h:mm:ss</c> times in prose while rejecting look-alikes:
/// ratios (<c>16:9</c>), scores (<c>2:10 win</c>), clock times (<c>10:30 am</c>), longer chains (<c>1:2:3:4</c>)
/// and digits glued to words, paths or other numbers.
/// </summary>
public static class TimestampRecognizer
{
    private static readonly string[] RejectingWords =
        ["am", "pm", "a.m.", "p.m.", "a.m", "p.m", "win", "wins", "won", "loss", "losses", "lost", "lose", "draw", "victory", "defeat", "lead"];

    /// <summary>Every time in <paramref name="text"/>, in order.</summary>
    public static IReadOnlyList<TimestampMatch> FindAll(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var matches = new List<TimestampMatch>();
        for (var i = 0; i < text.Length; i++)
        {
            if (TryMatchAt(text, i, out var match))
            {
                matches.Add(match);
                i += match.Length - 1;
            }
        }

        return matches;
    }

    /// <summary>Whether a time starts exactly at <paramref name="index"/>; the characters around it decide as much as the digits.</summary>
    public static bool TryMatchAt(ReadOnlySpan<char> text, int index, out TimestampMatch match)
    {
        match = default;
        if ((uint)index >= (uint)text.Length || !char.IsAsciiDigit(text[index]) || (index > 0 && GluedBefore(text[index - 1])))
        {
            return false;
        }

        var position = index;
        if (!TryReadNumber(text, ref position, 1, 2, out var first) || !TryReadColonPair(text, ref position, out var second))
        {
            return false;
        }

        var seconds = first * 60 + second;
        if (first > 59)
        {
            return false;
        }

        if (position < text.Length && text[position] == ':' && position + 1 < text.Length && char.IsAsciiDigit(text[position + 1]))
        {
            if (!TryReadColonPair(text, ref position, out var third))
            {
                return false;
            }

            seconds = first * 3600 + second * 60 + third;
        }

        if (GluedAfter(text, position) || FollowedByRejectingWord(text, position))
        {
            return false;
        }

        match = new TimestampMatch(index, position - index, seconds);
        return true;
    }

    private static bool TryReadColonPair(ReadOnlySpan<char> text, ref int position, out int value)
    {
        value = 0;
        if (position >= text.Length || text[position] != ':')
        {
            return false;
        }

        position++;
        return TryReadNumber(text, ref position, 2, 2, out value) && value <= 59;
    }

    private static bool TryReadNumber(ReadOnlySpan<char> text, ref int position, int minDigits, int maxDigits, out int value)
    {
        value = 0;
        var start = position;
        while (position < text.Length && char.IsAsciiDigit(text[position]))
        {
            if (position - start == maxDigits)
            {
                return false;
            }

            value = value * 10 + (text[position] - '0');
            position++;
        }

        return position - start >= minDigits;
    }

    private static bool GluedBefore(char c) => char.IsLetterOrDigit(c) || c is ':' or '.' or ',' or '/' or '\\' or '_' or '#' or '=' or '+';

    private static bool GluedAfter(ReadOnlySpan<char> text, int position)
    {
        if (position >= text.Length)
        {
            return false;
        }

        var c = text[position];
        var nextIsDigit = position + 1 < text.Length && char.IsAsciiDigit(text[position + 1]);
        return char.IsLetterOrDigit(c) || c is ':' or '/' or '\\' or '_' || (c is '.' or ',' && nextIsDigit);
    }

    private static bool FollowedByRejectingWord(ReadOnlySpan<char> text, int position)
    {
        var rest = text[position..];
        var trimmed = rest.TrimStart(" \t");
        if (trimmed.Length == rest.Length)
        {
            return false;
        }

        foreach (var word in RejectingWords)
        {
            if (trimmed.StartsWith(word, StringComparison.OrdinalIgnoreCase)
                && (trimmed.Length == word.Length || !char.IsLetter(trimmed[word.Length])))
            {
                return true;
            }
        }

        return false;
    }
}
