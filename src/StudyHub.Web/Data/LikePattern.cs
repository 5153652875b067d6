namespace StudyHub.Web.Data;

/// Text that LIKE and ILIKE match as written: their wildcards (% and _) and the escape character (\) escaped.
public static class LikePattern
{
    public const string EscapeCharacter = @"\";

    public static string Literal(string text) =>
        text.Replace(@"\", @"\\", StringComparison.Ordinal).Replace("%", @"\%", StringComparison.Ordinal).Replace("_", @"\_", StringComparison.Ordinal);

    public static string Containing(string text) => $"%{Literal(text)}%";
}
