namespace StudyHub.Web.Components;

/// "1 note", "3 notes": what the confirmation pages say goes.
public static class Counted
{
    public static string Of(int count, string one, string? many = null) => count == 1 ? $"1 {one}" : $"{count} {many ?? one + "s"}";

    /// "2 notes changed, 1 note added": the counts that are not zero, each with what happened; null when all are.
    public static string? List(params (int Count, string One, string What)[] counts) =>
        counts.Any(c => c.Count > 0) ? string.Join(", ", counts.Where(c => c.Count > 0).Select(c => $"{Of(c.Count, c.One)} {c.What}")) : null;
}
