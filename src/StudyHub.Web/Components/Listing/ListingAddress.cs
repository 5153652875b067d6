namespace StudyHub.Web.Components.Listing;

/// What a listing page reads from its address and writes into its links: a filter a reader typed and the cursors.
public static class ListingAddress
{
    /// "?q=…&after=…" from the parameters that have a value.
    public static string Query(params (string Name, string? Value)[] parameters) =>
        QueryString.Create(parameters.Where(p => p.Value is not null).Select(p => new KeyValuePair<string, string?>(p.Name, p.Value))).ToString();

    /// The words a reader filters by, null for none.
    public static string? Filter(string? typed) => Cursor(typed)?.Trim() is { Length: > 0 } words ? words : null;

    /// PostgreSQL refuses text holding NUL, which no title, path or key has.
    public static string? Cursor(string? key) => key?.Replace("\0", "", StringComparison.Ordinal);
}
