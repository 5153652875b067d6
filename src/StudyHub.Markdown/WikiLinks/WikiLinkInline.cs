using Markdig.Syntax.Inlines;

namespace StudyHub.Markdown.WikiLinks;

internal sealed class WikiLinkInline : LeafInline
{
    public required string Target { get; init; }

    public string? Alias { get; init; }

    public string? Heading { get; init; }

    public string? BlockId { get; init; }

    public bool IsEmbed { get; init; }

    // Known without the vault, for the links a parsed note lists; rendering asks the vault (IsAttachmentIn).
    public bool IsAttachment => Attachments.IsAttachment(Target);

    public bool IsAttachmentIn(INoteRenderContext context) =>
        Attachments.IsAttachment(Target, name => context.ResolveAttachment(name) is not null);

    public bool IsNoteEmbedIn(INoteRenderContext context) => IsEmbed && !IsAttachmentIn(context);

    public string FileName => Target[(Target.LastIndexOf('/') + 1)..];

    // What Obsidian shows for a link without an alias: "Note", "Note > Heading" or just "Heading" on the same page.
    public string DisplayText
    {
        get
        {
            if (Alias is not null)
            {
                return Alias;
            }

            var note = Target.EndsWith(".md", StringComparison.OrdinalIgnoreCase) ? Target[..^3] : Target;
            var section = Heading ?? (BlockId is null ? null : "^" + BlockId);
            return section is null ? note : note.Length == 0 ? section : $"{note} > {section}";
        }
    }

    public string Fragment =>
        BlockId is not null ? "#^" + BlockId : Heading is not null ? "#" + HeadingSlug.Create(Heading) : "";

    public bool TryGetSize(out int width, out int? height)
    {
        width = 0;
        height = null;
        if (Alias is null)
        {
            return false;
        }

        var parts = Alias.Split('x');
        if (parts.Length is < 1 or > 2 || !int.TryParse(parts[0], out width) || width <= 0)
        {
            return false;
        }

        if (parts.Length == 2)
        {
            if (!int.TryParse(parts[1], out var h) || h <= 0)
            {
                return false;
            }

            height = h;
        }

        return true;
    }
}
