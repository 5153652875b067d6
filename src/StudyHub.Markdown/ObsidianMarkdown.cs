namespace StudyHub.Markdown;

/// <summary>Obsidian-flavoured markdown: parsing and rendering. Placeholder until the extensions land.</summary>
public static class ObsidianMarkdown
{
}
