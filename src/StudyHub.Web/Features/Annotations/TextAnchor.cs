using DiffMatchPatch;

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

/// Finds an anchor in a note's current text the way Hypothesis does: the quote itself must still be there, exactly
/// or with a few edits (a quarter of its length at most); the context around it only chooses between the places it
/// is found, then nearness to where it was. Nothing close enough: an orphan that keeps its quote, never words it was
/// not about. This is the one place an annotation is placed; the page paints where this puts it.
public static class Anchoring
{
    /// Edits allowed per character of the quote. Quotes under four characters must be found exactly.
    const float ErrorsPerCharacter = 0.25f;

    /// diff-match-patch's bitap search holds a pattern in the bits of an int.
    const int MatchBits = 32;

    static readonly AnchorMatch Orphan = new(AnchorStatus.Orphaned, 0, 0);

    public static AnchorMatch Locate(string text, TextAnchor anchor)
    {
        var quote = anchor.Quote;
        if (quote.Length == 0 || text.Length == 0)
        {
            return Orphan;
        }
        var candidates = Occurrences(text, quote);
        if (candidates.Count == 0)
        {
            candidates = Approximately(text, anchor);
        }
        if (candidates.Count == 0)
        {
            return Orphan;
        }
        var best = candidates.MaxBy(c => (Context(text, anchor, c), -c.Errors, -Math.Abs(c.Start - anchor.Start)));
        return new AnchorMatch(best.Errors == 0 && best.Start == anchor.Start ? AnchorStatus.Anchored : AnchorStatus.Moved, best.Start, best.Length);
    }

    readonly record struct Candidate(int Start, int Length, int Errors);

    static List<Candidate> Occurrences(string text, string quote)
    {
        var found = new List<Candidate>();
        for (var at = text.IndexOf(quote, StringComparison.Ordinal); at >= 0; at = text.IndexOf(quote, at + 1, StringComparison.Ordinal))
        {
            found.Add(new Candidate(at, quote.Length, 0));
        }
        return found;
    }

    static int MaxErrors(int length) => (int)(length * ErrorsPerCharacter);

    /// The quote was edited: diff-match-patch finds where its first and last 32 characters now stand, searched from
    /// its old place and from where its context now is; each place is then measured against the whole quote.
    static List<Candidate> Approximately(string text, TextAnchor anchor)
    {
        var quote = anchor.Quote;
        if (MaxErrors(quote.Length) == 0)
        {
            return [];
        }
        var search = new diff_match_patch
        {
            Match_Threshold = ErrorsPerCharacter,
            // Far from the hint costs almost nothing: where the quote is found is for the context to judge, not distance.
            Match_Distance = int.MaxValue / 4,
        };
        var hints = new List<int> { Math.Clamp(anchor.Start, 0, text.Length) };
        if (anchor.Prefix.Length > 0 && text.IndexOf(anchor.Prefix, StringComparison.Ordinal) is var afterPrefix and >= 0)
        {
            hints.Add(afterPrefix + anchor.Prefix.Length);
        }
        if (anchor.Suffix.Length > 0 && text.IndexOf(anchor.Suffix, StringComparison.Ordinal) is var beforeSuffix and >= 0)
        {
            hints.Add(Math.Max(0, beforeSuffix - quote.Length));
        }
        var slices = new[] { (Offset: 0, Text: quote[..Math.Min(MatchBits, quote.Length)]), (Offset: Math.Max(0, quote.Length - MatchBits), Text: quote[^Math.Min(MatchBits, quote.Length)..]) };
        var found = new List<Candidate>();
        foreach (var hint in hints)
        {
            foreach (var (offset, slice) in slices.Distinct())
            {
                var at = search.match_main(text, slice, Math.Clamp(hint + offset, 0, text.Length));
                if (at >= 0 && Align(text, quote, at - offset) is { } candidate && !found.Contains(candidate))
                {
                    found.Add(candidate);
                }
            }
        }
        return found;
    }

    /// The passage near an estimated start that the quote aligns with at the fewest edits (the shortest of equals),
    /// if those are few enough. The alignment is free to start and end anywhere in the window around the estimate.
    static Candidate? Align(string text, string quote, int estimate)
    {
        var slack = MaxErrors(quote.Length) + 8;
        var from = Math.Clamp(estimate - slack, 0, text.Length);
        var to = Math.Clamp(estimate + quote.Length + slack, from, text.Length);
        var window = text.AsSpan(from, to - from);
        // cost[j]: the fewest edits turning the quote so far into text ending at window[j], which started at begin[j].
        var cost = new int[window.Length + 1];
        var begin = new int[window.Length + 1];
        var nextCost = new int[window.Length + 1];
        var nextBegin = new int[window.Length + 1];
        for (var j = 0; j <= window.Length; j++)
        {
            begin[j] = j;
        }
        for (var i = 1; i <= quote.Length; i++)
        {
            (nextCost[0], nextBegin[0]) = (i, 0);
            for (var j = 1; j <= window.Length; j++)
            {
                // Of equal edits, the path that starts later: the shortest passage, not one padded with substitutions.
                var best = Fewer((cost[j - 1] + (quote[i - 1] == window[j - 1] ? 0 : 1), begin[j - 1]), (cost[j] + 1, begin[j]));
                (nextCost[j], nextBegin[j]) = Fewer(best, (nextCost[j - 1] + 1, nextBegin[j - 1]));
            }
            (cost, nextCost, begin, nextBegin) = (nextCost, cost, nextBegin, begin);
        }
        Candidate? found = null;
        for (var end = 1; end <= window.Length; end++)
        {
            var candidate = new Candidate(from + begin[end], end - begin[end], cost[end]);
            if (candidate.Length > 0 && candidate.Errors <= MaxErrors(quote.Length)
                && (found is not { } f || (candidate.Errors, candidate.Length).CompareTo((f.Errors, f.Length)) < 0))
            {
                found = candidate;
            }
        }
        return found;
    }

    /// Of two paths with equal edits, the one that starts later: the shortest passage, not one padded with substitutions.
    static (int Cost, int Begin) Fewer((int Cost, int Begin) one, (int Cost, int Begin) other) =>
        other.Cost < one.Cost || (other.Cost == one.Cost && other.Begin > one.Begin) ? other : one;

    /// How much of the old context is still right beside a candidate.
    static int Context(string text, TextAnchor anchor, Candidate candidate) =>
        SharedSuffix(text.AsSpan(0, candidate.Start), anchor.Prefix) + SharedPrefix(text.AsSpan(candidate.Start + candidate.Length), anchor.Suffix);

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

    /// Where the page paints a passage of the note's text: the page counts its own text without whitespace (its
    /// whitespace is the browser's, not ours), so the passage is given as characters other than whitespace, from
    /// and to, counted the same way in the note's plain text.
    public static (int From, int To) OnPage(string text, int start, int length)
    {
        var from = CharactersOnPage(text.AsSpan(0, start));
        return (from, from + CharactersOnPage(text.AsSpan(start, length)));
    }

    public static int CharactersOnPage(ReadOnlySpan<char> text)
    {
        var n = 0;
        foreach (var c in text)
        {
            n += char.IsWhiteSpace(c) ? 0 : 1;
        }
        return n;
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
