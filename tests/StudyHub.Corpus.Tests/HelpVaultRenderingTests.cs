using StudyHub.Markdown;
using StudyHub.Markdown.Tests;
using StudyHub.Testing;

namespace StudyHub.Corpus.Tests;

/// Every note of the Obsidian Help vault through the renderer alone, with links resolved within the vault.
public class HelpVaultRenderingTests
{
    private static readonly string Root = RepositoryFiles.Shared("corpora", "obsidian-help-en");
    private static readonly VaultContext Vault = new(new VaultLinkIndex(
        Directory.EnumerateFiles(Root, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(Root, f).Replace('\\', '/'))));

    public static TheoryData<string> HelpVaultNotes() =>
        [.. Directory.EnumerateFiles(Root, "*.md", SearchOption.AllDirectories)
            .Select(path => Path.GetRelativePath(Root, path).Replace('\\', '/'))
            .Order(StringComparer.Ordinal)];

    [Theory]
    [MemberData(nameof(HelpVaultNotes))]
    public void HelpVaultNoteRenders(string path)
    {
        var source = File.ReadAllText(Path.Combine(Root, path));
        var note = Render.Markdown.Parse(source, path);

        var html = Render.Markdown.RenderHtml(note, Vault);

        Assert.True(html.Length > 0 || note.Document.Count <= 1, $"{path} rendered nothing");
        Assert.Empty(Render.SanitizerRemovals(html));
    }

    [Fact]
    public void HelpVaultHasAllNotes() => Assert.Equal(173, HelpVaultNotes().Count);

    private sealed class VaultContext(VaultLinkIndex index) : INoteRenderContext
    {
        public NoteLinkTarget ResolveNote(string target) => index.ResolveNote(target) is { } path
            ? new NoteLinkTarget("/notes/" + Uri.EscapeDataString(path), Exists: true)
            : new NoteLinkTarget("/concepts/" + Uri.EscapeDataString(target), Exists: false);

        public AttachmentTarget? ResolveAttachment(string name) => index.ResolveAttachment(name) is { } path
            ? new AttachmentTarget("/files/" + Uri.EscapeDataString(path), Attachments.KindOf(path))
            : null;

        public ParsedNote? LoadNoteForEmbed(string target) => index.ResolveNote(target) is { } path
            ? Render.Markdown.Parse(File.ReadAllText(Path.Combine(Root, path)), path)
            : null;

        public string? TimestampHref(WrittenTime time) => $"?t={time.Seconds}";
    }
}
