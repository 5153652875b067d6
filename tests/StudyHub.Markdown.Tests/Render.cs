using StudyHub.Markdown.Rendering;

namespace StudyHub.Markdown.Tests;

internal static class Render
{
    public static readonly ObsidianMarkdown Markdown = new();

    public static readonly TestRenderContext Vault = new(
        notes: ["Note", "Douwe Kiela"],
        attachments: ["image.png", "photo.png", "talk.mp3", "lecture.mp4", "paper.pdf", "data.zip"],
        imageSizes: new Dictionary<string, (int, int)> { ["photo.png"] = (640, 480) },
        noteSources: new Dictionary<string, string>
        {
            ["Other"] = "# Other\n\nIntro\n\n## Part\n\nPart text ^blk\n\n### Detail\n\nDetail text\n\n## Next\n\nNext text",
            ["Self"] = "Before ![[Self]]",
            ["Ping"] = "![[Pong]]",
            ["Pong"] = "![[Ping]]",
            ["Deep0"] = "![[Deep1]]",
            ["Deep1"] = "![[Deep2]]",
            ["Deep2"] = "![[Deep3]]",
            ["Deep3"] = "![[Deep4]]",
            ["Deep4"] = "![[Deep5]]",
            ["Deep5"] = "bottom",
            ["Raw"] = "<span onclick=\"x()\">raw</span>",
        });

    public static string Html(string markdown, string fileName = "Test.md") =>
        Markdown.RenderHtml(Markdown.Parse(markdown, fileName), Vault).TrimEnd();

    // What our sanitizer, run once more over rendered HTML, would take out of it: nothing, if rendering kept every
    // piece of raw HTML inside a part it sanitized.
    public static IReadOnlyList<string> SanitizerRemovals(string html)
    {
        var removals = new List<string>();
        var sanitizer = HtmlSafety.Create();
        sanitizer.RemovingTag += (_, e) => removals.Add($"tag {e.Tag.OuterHtml}");
        sanitizer.RemovingAttribute += (_, e) => removals.Add($"attribute {e.Attribute.Name}=\"{e.Attribute.Value}\" on <{e.Tag.LocalName}>");
        sanitizer.RemovingStyle += (_, e) => removals.Add($"style {e.Style.Name}: {e.Style.Value}");
        sanitizer.RemovingAtRule += (_, e) => removals.Add($"at-rule {e.Rule.CssText}");
        sanitizer.RemovingComment += (_, e) => removals.Add($"comment {e.Comment.TextContent}");
        sanitizer.RemovingCssClass += (_, e) => removals.Add($"class {e.CssClass}");
        sanitizer.Sanitize(html);
        return removals;
    }
}
