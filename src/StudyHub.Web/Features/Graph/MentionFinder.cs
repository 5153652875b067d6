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
    readonly Dictionary<string, List<Name>> _byFirstWord = new(StringComparer.OrdinalIgnoreCase);

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
        foreach (var (words, matchCase, nodes) in nodesByName.Values.Where(e => e.Nodes.Count == 1))
        {
            if (!_byFirstWord.TryGetValue(words[0], out var list))
            {
                _byFirstWord[words[0]] = list = [];
            }
            list.Add(new Name(words, matchCase, nodes.First()));
        }
        foreach (var list in _byFirstWord.Values)
        {
            list.Sort((a, b) => b.Words.Length.CompareTo(a.Words.Length));
        }
    }

    /// How often each node is mentioned in the prose; where names overlap the longest wins ("Google DeepMind" over "Google").
    public Dictionary<string, int> Find(string prose)
    {
        var found = new Dictionary<string, int>(StringComparer.Ordinal);
        var byFirstWord = _byFirstWord.GetAlternateLookup<ReadOnlySpan<char>>();
        var words = Words(prose);
        for (var i = 0; i < words.Count;)
        {
            var match = byFirstWord.TryGetValue(prose.AsSpan(words[i].Start, words[i].Length), out var candidates)
                ? candidates.Find(name => Matches(name, prose, words, i))
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

    static bool Matches(Name name, string prose, List<(int Start, int Length)> words, int first)
    {
        if (first + name.Words.Length > words.Count)
        {
            return false;
        }
        var comparison = name.MatchCase ? StringComparison.Ordinal : StringComparison.OrdinalIgnoreCase;
        for (var k = 0; k < name.Words.Length; k++)
        {
            var (start, length) = words[first + k];
            if (!prose.AsSpan(start, length).Equals(name.Words[k], comparison))
            {
                return false;
            }
            if (k > 0 && !IsJoin(prose.AsSpan(words[first + k - 1].Start + words[first + k - 1].Length, start - words[first + k - 1].Start - words[first + k - 1].Length)))
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
