using System.Buffers;
using Microsoft.EntityFrameworkCore;
using StudyHub.Web.Data;

namespace StudyHub.Web.Features.Search;

/// The switcher's names in memory, for the two ways of matching that no index serves: letters in order, and names like a
/// typo. Scanning 200,000 names (100,000 notes) in the database took 150–500 ms; here it takes a few. Only what ranking
/// needs is held (a lower-cased name, its kind, links in, audiences and trigrams: about 30 MB at 100,000 notes); an
/// option's title and address come from the database by Id, through the read rule, when it is offered.
public sealed class SwitcherIndex
{
    /// pg_trgm's defaults for q % name and q <% name, which the database applies to the candidates found here.
    const double SimilarityThreshold = 0.3;
    const double WordSimilarityThreshold = 0.6;

    readonly long[] _ids;
    readonly string[] _names;
    readonly SwitcherNameKind[] _kinds;
    readonly int[] _linksIn;
    readonly bool[] _toMembers;
    readonly bool[] _toEveryone;
    readonly int[] _trigramCounts;
    /// The names in ordinal order, so that those starting with what was typed are found by halving.
    readonly int[] _inOrder;
    /// Which letters each name holds (Letters), so that most names are ruled out before their letters are read in order.
    readonly ulong[] _letters;
    /// For each trigram, the names that have it.
    readonly Dictionary<ulong, int[]> _withTrigram;

    SwitcherIndex(List<OfferedName> names)
    {
        _ids = [.. names.Select(n => n.Id)];
        _names = [.. names.Select(n => n.Name.ToLowerInvariant())];
        _kinds = [.. names.Select(n => n.Kind)];
        _linksIn = [.. names.Select(n => n.LinksIn)];
        _toMembers = [.. names.Select(n => n.ToMembers)];
        _toEveryone = [.. names.Select(n => n.ToEveryone)];
        _trigramCounts = new int[names.Count];
        _inOrder = [.. Enumerable.Range(0, _names.Length).OrderBy(i => _names[i], StringComparer.Ordinal)];
        _letters = [.. _names.Select(Letters)];
        var withTrigram = new Dictionary<ulong, List<int>>();
        for (var i = 0; i < _names.Length; i++)
        {
            var trigrams = Trigrams(_names[i]);
            _trigramCounts[i] = trigrams.Count;
            foreach (var trigram in trigrams)
            {
                if (!withTrigram.TryGetValue(trigram, out var list))
                {
                    withTrigram[trigram] = list = [];
                }
                list.Add(i);
            }
        }
        _withTrigram = withTrigram.ToDictionary(t => t.Key, t => t.Value.ToArray());
    }

    sealed record OfferedName(long Id, string Name, SwitcherNameKind Kind, int LinksIn, bool ToMembers, bool ToEveryone);

    /// The names offered to members, to everyone else, or to both (studyhub_switcher_offered decides).
    public static async Task<SwitcherIndex> LoadAsync(StudyHubDbContext db, CancellationToken cancellationToken) =>
        new(await db.Database.SqlQuery<OfferedName>($"""
            SELECT s."Id", s."Name", s."Kind", s."LinksIn", m."Id" IS NOT NULL AS "ToMembers", e."Id" IS NOT NULL AS "ToEveryone"
            FROM "SwitcherNames" s
            LEFT JOIN studyhub_switcher_offered(TRUE) m ON m."Id" = s."Id"
            LEFT JOIN studyhub_switcher_offered(FALSE) e ON e."Id" = s."Id"
            WHERE m."Id" IS NOT NULL OR e."Id" IS NOT NULL
            """).ToListAsync(cancellationToken));

    /// Names starting with what was typed: the one equal to it first.
    public long[] StartingWith(string typed, bool member, int most)
    {
        var q = typed.ToLowerInvariant();
        var audience = member ? _toMembers : _toEveryone;
        int low = 0, high = _inOrder.Length;
        while (low < high)
        {
            var middle = (low + high) / 2;
            (low, high) = string.CompareOrdinal(_names[_inOrder[middle]], q) < 0 ? (middle + 1, high) : (low, middle);
        }
        var matches = _inOrder.Skip(low).TakeWhile(i => _names[i].StartsWith(q, StringComparison.Ordinal)).Where(i => audience[i]);
        return Best(matches, i => _names[i] == q ? 0 : 1, most);
    }

    /// Names holding the typed letters in order, spaces aside, that do not start with them; those with a word starting
    /// with what was typed first.
    public long[] WithLettersInOrder(string typed, bool member, int most)
    {
        var q = typed.ToLowerInvariant();
        var letters = q.Where(c => !char.IsWhiteSpace(c)).ToArray();
        var needed = Letters(q);
        var audience = member ? _toMembers : _toEveryone;
        var matches = Enumerable.Range(0, _names.Length).Where(i => audience[i] && (_letters[i] & needed) == needed
            && HasInOrder(_names[i], letters) && !_names[i].StartsWith(q, StringComparison.Ordinal));
        return Best(matches, i => HasWordStartingWith(_names[i], q) ? 0 : 1, most);
    }

    /// The names nearest to what was typed as a whole and those with a word nearest to it, as pg_trgm measures them,
    /// that may pass its thresholds. Word similarity is bounded here by the trigrams shared with the whole name; the
    /// database measures it exactly.
    public long[] Like(string typed, bool member, int most)
    {
        var query = Trigrams(typed.ToLowerInvariant());
        if (query.Count == 0)
        {
            return [];
        }
        var shared = ArrayPool<int>.Shared.Rent(_ids.Length);
        Array.Clear(shared, 0, _ids.Length);
        var sharing = new List<int>();
        try
        {
            foreach (var trigram in query)
            {
                foreach (var i in _withTrigram.GetValueOrDefault(trigram, []))
                {
                    if (shared[i]++ == 0)
                    {
                        sharing.Add(i);
                    }
                }
            }
            var audience = member ? _toMembers : _toEveryone;
            var candidates = sharing.Where(i => audience[i])
                .Select(i => (Index: i, Similarity: (double)shared[i] / (query.Count + _trigramCounts[i] - shared[i]), Word: (double)shared[i] / query.Count))
                .Where(c => c.Similarity >= SimilarityThreshold || c.Word >= WordSimilarityThreshold)
                .ToList();
            return [.. candidates.OrderByDescending(c => c.Similarity).Take(most)
                .Concat(candidates.OrderByDescending(c => c.Word).ThenByDescending(c => c.Similarity).Take(most))
                .Select(c => _ids[c.Index]).Distinct()];
        }
        finally
        {
            ArrayPool<int>.Shared.Return(shared);
        }
    }

    /// Among equally good matches: notes before concepts, the more linked first, titles before file names before aliases.
    long[] Best(IEnumerable<int> matches, Func<int, int> match, int most) =>
        [.. matches.OrderBy(match).ThenBy(i => _kinds[i] == SwitcherNameKind.Concept).ThenByDescending(i => _linksIn[i])
            .ThenBy(i => _kinds[i]).ThenBy(i => _names[i], StringComparer.Ordinal).Take(most).Select(i => _ids[i])];

    /// A bit for each letter or digit of a text, and one of 27 for any other character but white space.
    static ulong Letters(string text)
    {
        var letters = 0UL;
        foreach (var c in text)
        {
            letters |= c switch
            {
                >= 'a' and <= 'z' => 1UL << (c - 'a'),
                >= '0' and <= '9' => 1UL << (26 + c - '0'),
                _ when char.IsWhiteSpace(c) => 0,
                _ => 1UL << (36 + c % 27),
            };
        }
        return letters;
    }

    static bool HasInOrder(string name, char[] letters)
    {
        var at = 0;
        foreach (var letter in letters)
        {
            at = name.IndexOf(letter, at) + 1;
            if (at == 0)
            {
                return false;
            }
        }
        return true;
    }

    static bool HasWordStartingWith(string name, string q)
    {
        for (var at = name.IndexOf(q, StringComparison.Ordinal); at >= 0; at = name.IndexOf(q, at + 1, StringComparison.Ordinal))
        {
            if (at == 0 || !char.IsLetterOrDigit(name[at - 1]))
            {
                return true;
            }
        }
        return false;
    }

    /// pg_trgm's trigrams of a lower-cased text: each run of letters and digits padded with two spaces before and one
    /// after, taken three characters at a time.
    static HashSet<ulong> Trigrams(string text)
    {
        var trigrams = new HashSet<ulong>();
        var start = -1;
        for (var i = 0; i <= text.Length; i++)
        {
            if (i < text.Length && char.IsLetterOrDigit(text[i]))
            {
                start = start < 0 ? i : start;
                continue;
            }
            if (start >= 0)
            {
                var padded = "  " + text[start..i] + " ";
                for (var t = 0; t + 3 <= padded.Length; t++)
                {
                    trigrams.Add((ulong)padded[t] << 32 | (ulong)padded[t + 1] << 16 | padded[t + 2]);
                }
                start = -1;
            }
        }
        return trigrams;
    }
}
