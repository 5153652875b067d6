namespace StudyHub.Markdown.Tests;

public class VaultLinkIndexTests
{
    private static readonly VaultLinkIndex Index = new(
        [
            "Douwe Kiela.md",
            "People/Douwe Kiela.md",
            "Models/CLIP.md",
            "Archive/Old/CLIP.md",
            "B/Same.md",
            "A/Same.md",
            "Orgs/Meta AI Research.md",
            "Attachments/Pasted image 20240417000000.png",
            "Pasted image 20240417000000.png",
            "docs/papers/paper.pdf",
            "Node.js",
        ],
        new Dictionary<string, IReadOnlyList<string>> { ["Orgs/Meta AI Research.md"] = ["FAIR", "Meta AI"] });

    [Theory]
    [InlineData("Douwe Kiela", "Douwe Kiela.md")]
    [InlineData("douwe kiela", "Douwe Kiela.md")]
    [InlineData("Douwe Kiela.md", "Douwe Kiela.md")]
    [InlineData("People/Douwe Kiela", "People/Douwe Kiela.md")]
    [InlineData("people/douwe kiela.md", "People/Douwe Kiela.md")]
    [InlineData("CLIP", "Models/CLIP.md")]
    [InlineData("Old/CLIP", "Archive/Old/CLIP.md")]
    [InlineData("Same", "A/Same.md")]
    [InlineData("FAIR", "Orgs/Meta AI Research.md")]
    [InlineData("meta ai", "Orgs/Meta AI Research.md")]
    [InlineData("Nowhere/CLIP", null)]
    [InlineData("Flamingo", null)]
    [InlineData("", null)]
    public void NoteResolvesLikeObsidian(string target, string? path) => Assert.Equal(path, Index.ResolveNote(target));

    [Theory]
    [InlineData("Pasted image 20240417000000.png", "Pasted image 20240417000000.png")]
    [InlineData("Attachments/Pasted image 20240417000000.png", "Attachments/Pasted image 20240417000000.png")]
    [InlineData("paper.pdf", "docs/papers/paper.pdf")]
    [InlineData("papers/paper.pdf", "docs/papers/paper.pdf")]
    [InlineData("elsewhere/paper.pdf", "docs/papers/paper.pdf")]
    [InlineData("PAPER.PDF", "docs/papers/paper.pdf")]
    [InlineData("missing.png", null)]
    public void AttachmentResolvesByFileName(string target, string? path) => Assert.Equal(path, Index.ResolveAttachment(target));

    [Theory]
    [InlineData("Node.js", "Node.js")]
    [InlineData("CLIP", "Models/CLIP.md")]
    [InlineData("paper.pdf", "docs/papers/paper.pdf")]
    public void ResolveChoosesNoteOrAttachmentByExtension(string target, string? path) => Assert.Equal(path, Index.Resolve(target));
}
