using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;

namespace StudyHub.Web.Components.Listing;

public static class ListingQuery
{
    /// A page of rows in order of a unique text key, compared by PostgreSQL in the collation that orders the page (not
    /// in the app's culture), so that a cursor and the order agree.
    public static async Task<Listing<TResult>> PageAsync<TRow, TResult>(this IQueryable<TRow> rows,
        Expression<Func<TRow, string>> key, Expression<Func<TRow, TResult>> select, Func<TResult, string> keyOf,
        string? after, string? before, int size, CancellationToken cancellationToken)
    {
        var backwards = before is not null;
        var cursor = before ?? after;
        var query = cursor is null ? rows : rows.Where(Beyond(key, cursor, backwards));
        var found = await (backwards ? query.OrderByDescending(key) : query.OrderBy(key))
            .Take(size + 1)
            .Select(select)
            .ToListAsync(cancellationToken);
        return Listing.FromRows(found, size, backwards, fromStart: after is null, keyOf);
    }

    sealed record Cursor(string Key);

    /// key(row) > cursor, or < cursor going back, with the cursor sent as a parameter.
    static Expression<Func<TRow, bool>> Beyond<TRow>(Expression<Func<TRow, string>> key, string cursor, bool backwards)
    {
        var compare = Expression.Call(
            typeof(string).GetMethod(nameof(string.Compare), [typeof(string), typeof(string)])!,
            key.Body,
            Expression.Property(Expression.Constant(new Cursor(cursor)), nameof(Cursor.Key)));
        var zero = Expression.Constant(0);
        return Expression.Lambda<Func<TRow, bool>>(
            backwards ? Expression.LessThan(compare, zero) : Expression.GreaterThan(compare, zero), key.Parameters);
    }
}
