namespace StudyHub.Web.Components.Listing;

/// One page of a long list (a vault's notes, a tag's notes, the concepts of a kind). A page starts after, or ends
/// before, the key of an item rather than at an offset: it costs the same deep in the list, and a link to it stays the
/// same page while items are added or removed elsewhere. Previous and Next are the keys where the pages beside this one
/// end and start, null where there is none.
public sealed record Listing<T>(IReadOnlyList<T> Items, bool AtStart, string? Previous, string? Next);

public static class Listing
{
    /// A page from the rows that follow the cursor in the direction of travel, nearest first; one row more than a page
    /// says whether there is another page beyond it.
    public static Listing<T> FromRows<T>(IReadOnlyList<T> rows, int size, bool backwards, bool fromStart, Func<T, string> key)
    {
        var more = rows.Count > size;
        var page = rows.Take(size).ToList();
        if (backwards)
        {
            page.Reverse();
        }
        var atStart = backwards ? !more : fromStart;
        var atEnd = !backwards && !more;
        return new Listing<T>(page, atStart,
            atStart || page.Count == 0 ? null : key(page[0]),
            atEnd || page.Count == 0 ? null : key(page[^1]));
    }

    /// A page of a list held in memory, in its order. A key that is no longer in the list starts from the beginning.
    public static Listing<T> Of<T>(IReadOnlyList<T> ordered, Func<T, string> key, string? after, string? before, int size)
    {
        var cursor = before ?? after;
        var at = cursor is null ? -1 : IndexOf(ordered, key, cursor);
        if (at < 0)
        {
            return FromRows(ordered.Take(size + 1).ToList(), size, backwards: false, fromStart: true, key);
        }
        var rows = before is not null
            ? ordered.Take(at).Reverse().Take(size + 1).ToList()
            : ordered.Skip(at + 1).Take(size + 1).ToList();
        return FromRows(rows, size, backwards: before is not null, fromStart: false, key);
    }

    static int IndexOf<T>(IReadOnlyList<T> ordered, Func<T, string> key, string cursor)
    {
        for (var i = 0; i < ordered.Count; i++)
        {
            if (string.Equals(key(ordered[i]), cursor, StringComparison.Ordinal))
            {
                return i;
            }
        }
        return -1;
    }
}
