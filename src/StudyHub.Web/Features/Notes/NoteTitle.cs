namespace StudyHub.Web.Features.Notes;

/// REVIEW: interim title rule until the Obsidian parser (StudyHub.Markdown) reads front matter and inline fields.
static class NoteTitle
{
    public static string Of(string markdown, string path)
    {
        foreach (var line in markdown.Split('\n').Take(30))
        {
            var trimmed = line.Trim();
            if (trimmed.StartsWith("Subject:", StringComparison.OrdinalIgnoreCase) && trimmed.Length > 8)
            {
                return trimmed[8..].Trim();
            }
            if (trimmed.StartsWith("# ", StringComparison.Ordinal))
            {
                return trimmed[2..].Trim();
            }
        }
        return Path.GetFileNameWithoutExtension(path);
    }
}
