using System.Buffers;

namespace StudyHub.Web.Features.Graph;

/// Finds plain-text mentions of node names (titles and aliases) in prose, whole words only. Acronyms such as
/// "CLIP" or "FAIR" match only in capitals; other names match in any case. Names shorter than three letters,
/// or shared by several nodes, are left out: they would mostly find the wrong thing.
public sealed class MentionFinder
{
    sealed record Name(string[] Words, bool MatchCase, string NodeId);

    const int ShortestName = 3;
    static readonly SearchValues<char> JoinCharacters = SearchValues.Create(" -._'\u00A0\u2010\u2011\u2019");

    // A name is found by its words joined with single spaces, in any case; names that start with a word are tried
    // longest first. Looking each length up costs the same however many names share a first word ("Lecture 1" …
    // "Lecture 300"), where trying every such name at every "Lecture" made a large vault's graph quadratic.
    readonly Dictionary<string, Name> _byWords = new(StringComparer.OrdinalIgnoreCase);
    readonly Dictionary<string, int[]> _lengthsByFirstWord = new(StringComparer.OrdinalIgnoreCase);

    public MentionFinder(IEnumerable<(string NodeId, string Name)> names)
    {
        var nodesByName = new Dictionary<string, (string[] Words, bool MatchCase, HashSet<string> Nodes)>(StringComparer.OrdinalIgnoreCase);
        foreach (var (nodeId, name) in names)
        {
            var words = Words(name).Select(w => name.Substring(w.Start, w.Length)).ToArray();
            if (words.Length == 0 || words.Sum(w => w.Length) < ShortestName)
            {
                continue;
            }
            var key = string.Join(' ', words);
            if (!nodesByName.TryGetValue(key, out var entry))
            {
                nodesByName[key] = entry = (words, IsAcronym(name), new HashSet<string>(StringComparer.Ordinal));
            }
            entry.Nodes.Add(nodeId);
        }
        foreach (var (key, (words, matchCase, nodes)) in nodesByName.Where(e => e.Value.Nodes.Count == 1))
        {
            _byWords[key] = new Name(words, matchCase, nodes.First());
        }
        foreach (var group in _byWords.Values.GroupBy(n => n.Words[0], StringComparer.OrdinalIgnoreCase))
        {
            _lengthsByFirstWord[group.Key] = [.. group.Select(n => n.Words.Length).Distinct().OrderDescending()];
        }
    }

    /// How often each node is mentioned in the prose; where names overlap the longest wins ("Google DeepMind" over "Google").
    public Dictionary<string, int> Find(string prose)
    {
        var found = new Dictionary<string, int>(StringComparer.Ordinal);
        var lengthsByFirstWord = _lengthsByFirstWord.GetAlternateLookup<ReadOnlySpan<char>>();
        var byWords = _byWords.GetAlternateLookup<ReadOnlySpan<char>>();
        var words = Words(prose);
        var key = new char[64];
        for (var i = 0; i < words.Count;)
        {
            var match = lengthsByFirstWord.TryGetValue(prose.AsSpan(words[i].Start, words[i].Length), out var lengths)
                ? Longest(prose, words, i, lengths, byWords, ref key)
                : null;
            if (match is null)
            {
                i++;
                continue;
            }
            found[match.NodeId] = found.GetValueOrDefault(match.NodeId) + 1;
            i += match.Words.Length;
        }
        return found;
    }

    static Name? Longest(string prose, List<(int Start, int Length)> words, int first, int[] lengths,
        Dictionary<string, Name>.AlternateLookup<ReadOnlySpan<char>> byWords, ref char[] key)
    {
        // The run of words from the first that a name could span (a line break or a comma ends it), written as names'
        // keys are, with where each word ends: the key of the name of n words is the run up to the end of its nth.
        Span<int> ends = stackalloc int[lengths[0]];
        var (joined, at) = (0, 0);
        while (joined < lengths[0] && first + joined < words.Count
               && (joined == 0 || IsJoin(Gap(prose, words[first + joined - 1], words[first + joined]))))
        {
            var word = prose.AsSpan(words[first + joined].Start, words[first + joined].Length);
            if (key.Length < at + 1 + word.Length)
            {
                Array.Resize(ref key, 2 * (at + 1 + word.Length));
            }
            if (joined > 0)
            {
                key[at++] = ' ';
            }
            word.CopyTo(key.AsSpan(at));
            at += word.Length;
            ends[joined++] = at;
        }
        foreach (var length in lengths)
        {
            if (length <= joined && byWords.TryGetValue(key.AsSpan(0, ends[length - 1]), out var name)
                && (!name.MatchCase || SameCase(name, prose, words, first)))
            {
                return name;
            }
        }
        return null;
    }

    static ReadOnlySpan<char> Gap(string prose, (int Start, int Length) before, (int Start, int Length) after) =>
        prose.AsSpan(before.Start + before.Length, after.Start - before.Start - before.Length);

    static bool SameCase(Name name, string prose, List<(int Start, int Length)> words, int first)
    {
        for (var k = 0; k < name.Words.Length; k++)
        {
            if (!prose.AsSpan(words[first + k].Start, words[first + k].Length).Equals(name.Words[k], StringComparison.Ordinal))
            {
                return false;
            }
        }
        return true;
    }

    /// Words of a name may be joined by a space, hyphen, dot or apostrophe ("Cross-Attention", "Cross Attention"), never by a line break.
    static bool IsJoin(ReadOnlySpan<char> gap) =>
        gap.Length is > 0 and <= 2 && !gap.ContainsAnyExcept(JoinCharacters);

    static bool IsAcronym(string name)
    {
        var capitals = 0;
        foreach (var c in name)
        {
            if (char.IsLower(c))
            {
                return false;
            }
            capitals += char.IsUpper(c) ? 1 : 0;
        }
        return capitals >= 2;
    }

    static List<(int Start, int Length)> Words(string text)
    {
        var words = new List<(int, int)>();
        for (var i = 0; i < text.Length;)
        {
            if (!char.IsLetterOrDigit(text[i]))
            {
                i++;
                continue;
            }
            var start = i;
            while (i < text.Length && char.IsLetterOrDigit(text[i]))
            {
                i++;
            }
            words.Add((start, i - start));
        }
        return words;
    }
}
