namespace StudyHub.Markdown.Tests;

public class TimestampPlainTextTests
{
    static readonly ObsidianMarkdown Markdown = new();

    [Fact]
    public void ATimeWithoutARecordingToSeekRendersAsText()
    {
        var note = Markdown.Parse("Back at 28:00.");

        var html = Markdown.RenderHtml(note, new NoRecordings());

        Assert.Equal("<p>Back at 28:00.</p>\n", html);
    }

    [Fact]
    public void TopLevelThematicBreaksAreRecordedByLine()
    {
        var note = Markdown.Parse("intro\n\n---\n\n> quote\n> ***\n\nbody\n\n------\nend");

        Assert.Equal([3, 10], note.ThematicBreakLines);
    }

    sealed class NoRecordings : INoteRenderContext
    {
        public NoteLinkTarget ResolveNote(string target) => new("/x", Exists: false);

        public AttachmentTarget? ResolveAttachment(string name) => null;

        public ParsedNote? LoadNoteForEmbed(string target) => null;

        public string? TimestampHref(WrittenTime time) => null;
    }
}
