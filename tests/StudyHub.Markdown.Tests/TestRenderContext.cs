namespace StudyHub.Markdown.Tests;

// A vault for tests: notes exist when listed, attachments resolve when listed (images with the sizes given), embeds
// load from the given sources.
internal sealed class TestRenderContext(
    IEnumerable<string>? notes = null,
    IEnumerable<string>? attachments = null,
    IReadOnlyDictionary<string, string>? noteSources = null,
    string pageAddress = "",
    IReadOnlyDictionary<string, (int Width, int Height)>? imageSizes = null) : INoteRenderContext
{
    public string PageAddress => pageAddress;

    private static readonly ObsidianMarkdown Markdown = new();
    private readonly HashSet<string> notes = new(notes ?? [], StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<string> attachments = new(attachments ?? [], StringComparer.OrdinalIgnoreCase);

    public NoteLinkTarget ResolveNote(string target) =>
        new("/notes/" + Uri.EscapeDataString(target), notes.Contains(target) || (noteSources?.ContainsKey(target) ?? false));

    public AttachmentTarget? ResolveAttachment(string name) =>
        !attachments.Contains(name) ? null
        : imageSizes?.TryGetValue(name, out var size) == true ? new AttachmentTarget("/files/" + Uri.EscapeDataString(name), Attachments.KindOf(name), size.Width, size.Height)
        : new AttachmentTarget("/files/" + Uri.EscapeDataString(name), Attachments.KindOf(name));

    public ParsedNote? LoadNoteForEmbed(string target) =>
        noteSources is not null && noteSources.TryGetValue(target, out var source) ? Markdown.Parse(source, target + ".md") : null;

    public string? TimestampHref(WrittenTime time) => $"?t={time.Seconds}";
}
