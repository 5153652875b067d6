namespace StudyHub.Web.Components;

/// "1 note", "3 notes": what the confirmation pages say goes.
public static class Counted
{
    public static string Of(int count, string one, string? many = null) => count == 1 ? $"1 {one}" : $"{count} {many ?? one + "s"}";
}
