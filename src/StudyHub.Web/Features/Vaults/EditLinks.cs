namespace StudyHub.Web.Features.Vaults;

/// "Edit this note" on each note of a vault: the address at which its file is edited where the vault lives (a git host's
/// editor), written as a template with {path} for the note's path in the vault, because every host and every repository
/// layout spells it differently: https://github.com/us/notes/edit/main/cs224n/{path}.
public static class EditLinks
{
    public const string PathPlaceholder = "{path}";
    public const int MaxLength = 2000;

    /// Gives the vault this template, or none when it is empty; says why not when it cannot be used.
    public static string? Set(Vault vault, string? template)
    {
        template = string.IsNullOrWhiteSpace(template) ? null : template.Trim();
        if (template is not null && Problem(template) is { } problem)
        {
            return problem;
        }
        vault.EditLinks = template;
        return null;
    }

    /// Why the template cannot be used, or null when it can.
    public static string? Problem(string template)
    {
        if (template.Length > MaxLength)
        {
            return $"An edit link has at most {MaxLength} characters.";
        }
        var placeholders = template.Split(PathPlaceholder).Length - 1;
        if (placeholders != 1)
        {
            return $"An edit link holds {PathPlaceholder} once, where the note's path in the vault goes.";
        }
        // Only web addresses: anything else (javascript:, data:) would run or open something on the reader's page.
        return Uri.TryCreate(template.Replace(PathPlaceholder, "note.md", StringComparison.Ordinal), UriKind.Absolute, out var address)
            && address.Scheme is "https" or "http" && !template.Any(char.IsWhiteSpace)
            ? null
            : $"{template} is not a web address (https://…) with {PathPlaceholder} in it.";
    }

    /// The note's edit link: each folder and the file name escaped as one piece of the path.
    public static string For(string template, string notePath) =>
        template.Replace(PathPlaceholder, string.Join('/', notePath.Split('/').Select(Uri.EscapeDataString)), StringComparison.Ordinal);
}
