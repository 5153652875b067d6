namespace StudyHub.Web.Features.Annotations;

/// Where an annotation stands in a note's text: the quoted passage, a little text on either side, and where
/// it started when it was made. Quote and context find it again after the note is edited.
public sealed record TextAnchor(string Quote, string Prefix, string Suffix, int Start)
{
    public const int ContextLength = 32;

    /// The anchor of text[start..start+length], with its context.
    public static TextAnchor Of(string text, int start, int length)
    {
        var prefixStart = Math.Max(0, start - ContextLength);
        var suffixEnd = Math.Min(text.Length, start + length + ContextLength);
        return new TextAnchor(text.Substring(start, length), text[prefixStart..start], text[(start + length)..suffixEnd], start);
    }
}

public enum AnchorStatus { Anchored, Moved, Orphaned }

public sealed record AnchorMatch(AnchorStatus Status, int Start, int Length);

/// Finds an anchor in a note's current text: the exact quote (the occurrence whose context fits best), else the
/// passage between its old context (the quote was edited), else nothing — the annotation is then an orphan that
/// keeps its quote, never lost.
public static class Anchoring
{
    public static AnchorMatch Locate(string text, TextAnchor anchor)
    {
        if (anchor.Quote.Length > 0 && BestOccurrence(text, anchor) is { } exact)
        {
            return new AnchorMatch(exact == anchor.Start ? AnchorStatus.Anchored : AnchorStatus.Moved, exact, anchor.Quote.Length);
        }
        if (BetweenContext(text, anchor) is { } moved)
        {
            return new AnchorMatch(AnchorStatus.Moved, moved.Start, moved.Length);
        }
        return new AnchorMatch(AnchorStatus.Orphaned, 0, 0);
    }

    static int? BestOccurrence(string text, TextAnchor anchor)
    {
        int? best = null;
        var bestScore = int.MinValue;
        for (var at = text.IndexOf(anchor.Quote, StringComparison.Ordinal); at >= 0; at = text.IndexOf(anchor.Quote, at + 1, StringComparison.Ordinal))
        {
            // Context that still matches counts most; nearness to the old place breaks ties.
            var score = (SharedSuffix(text.AsSpan(0, at), anchor.Prefix) + SharedPrefix(text.AsSpan(at + anchor.Quote.Length), anchor.Suffix)) * 1000
                - Math.Min(999, Math.Abs(at - anchor.Start) / 10);
            if (score > bestScore)
            {
                (best, bestScore) = (at, score);
            }
        }
        return best;
    }

    /// The quote itself changed but the text right around it did not: the passage is what now stands between.
    /// The whole context is tried first, then only its nearest words, since edits nearby change the rest.
    static (int Start, int Length)? BetweenContext(string text, TextAnchor anchor)
    {
        foreach (var length in new[] { TextAnchor.ContextLength, NearContext })
        {
            if (anchor.Prefix.Length < NearContext || anchor.Suffix.Length < NearContext)
            {
                return null;
            }
            var prefix = anchor.Prefix[^Math.Min(length, anchor.Prefix.Length)..];
            var suffix = anchor.Suffix[..Math.Min(length, anchor.Suffix.Length)];
            (int Start, int Length)? nearest = null;
            for (var at = text.IndexOf(prefix, StringComparison.Ordinal); at >= 0; at = text.IndexOf(prefix, at + 1, StringComparison.Ordinal))
            {
                var start = at + prefix.Length;
                var end = text.IndexOf(suffix, start, StringComparison.Ordinal);
                // A passage that grew past twice its size is no longer the passage that was annotated.
                if (end > start && end - start <= Math.Max(2 * anchor.Quote.Length, 16)
                    && (nearest is null || Math.Abs(start - anchor.Start) < Math.Abs(nearest.Value.Start - anchor.Start)))
                {
                    nearest = (start, end - start);
                }
            }
            if (nearest is not null)
            {
                return nearest;
            }
        }
        return null;
    }

    const int NearContext = 12;

    /// Finds a passage a reader selected on the page. The page's text differs from the note's plain text only
    /// in whitespace, so the quote and its context are compared without any; the context picks between repeats.
    public static (int Start, int Length)? FindSelection(string text, string quote, string prefix, string suffix)
    {
        var needle = WithoutWhitespace(quote).Text;
        if (needle.Length == 0)
        {
            return null;
        }
        var (haystack, positions) = WithoutWhitespace(text);
        var (before, after) = (WithoutWhitespace(prefix).Text, WithoutWhitespace(suffix).Text);
        var (best, bestScore) = (-1, -1);
        for (var at = haystack.IndexOf(needle, StringComparison.Ordinal); at >= 0; at = haystack.IndexOf(needle, at + 1, StringComparison.Ordinal))
        {
            var score = SharedSuffix(haystack.AsSpan(0, at), before) + SharedPrefix(haystack.AsSpan(at + needle.Length), after);
            if (score > bestScore)
            {
                (best, bestScore) = (at, score);
            }
        }
        if (best < 0)
        {
            return null;
        }
        var start = positions[best];
        return (start, positions[best + needle.Length - 1] + 1 - start);
    }

    /// The text without whitespace, and where each of its characters stands in the original.
    static (string Text, List<int> Positions) WithoutWhitespace(string text)
    {
        var kept = new System.Text.StringBuilder(text.Length);
        var positions = new List<int>(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (!char.IsWhiteSpace(text[i]))
            {
                kept.Append(text[i]);
                positions.Add(i);
            }
        }
        return (kept.ToString(), positions);
    }

    static int SharedSuffix(ReadOnlySpan<char> before, string prefix)
    {
        var n = 0;
        while (n < prefix.Length && n < before.Length && before[^(n + 1)] == prefix[^(n + 1)])
        {
            n++;
        }
        return n;
    }

    static int SharedPrefix(ReadOnlySpan<char> after, string suffix)
    {
        var n = 0;
        while (n < suffix.Length && n < after.Length && after[n] == suffix[n])
        {
            n++;
        }
        return n;
    }
}
