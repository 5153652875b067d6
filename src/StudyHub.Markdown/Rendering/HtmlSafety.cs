using System.Text;
using Ganss.Xss;

namespace StudyHub.Markdown.Rendering;

// The allowlist applied to the parts of rendered notes that hold raw HTML.
internal static class HtmlSafety
{
    // One configured instance for all: HtmlSanitizer documents Sanitize as thread-safe on a shared instance whose
    // settings no longer change.
    private static readonly HtmlSanitizer Sanitizer = Create();

    // Sanitizes the given parts of rendered HTML and keeps the rest, which our renderers escaped, as it is.
    public static string Sanitize(StringBuilder html, IReadOnlyList<(int Start, int End)> parts)
    {
        var result = new StringBuilder(html.Length);
        var position = 0;
        foreach (var (start, end) in parts)
        {
            result.Append(html, position, start - position).Append(Sanitizer.Sanitize(html.ToString(start, end - start)));
            position = end;
        }

        return result.Append(html, position, html.Length - position).ToString();
    }

    // Tests build one too, to see what it would remove from rendered notes.
    internal static HtmlSanitizer Create()
    {
        var sanitizer = new HtmlSanitizer();
        // REVIEW: iframes stay off the allowlist so raw HTML cannot frame other sites; the cost is that a PDF preview
        // in a block with raw HTML (or inside an element raw HTML opened) falls back to its download link.
        sanitizer.AllowedTags.UnionWith(["audio", "video", "source", "details", "summary", "mark", "figure", "figcaption"]);
        // Forms and fixed overlays in a note could imitate the app's own UI (phishing); task-list checkboxes are the only inputs we render.
        sanitizer.AllowedTags.ExceptWith(["form", "button", "select", "option", "optgroup", "textarea", "keygen", "datalist", "menuitem"]);
        sanitizer.PostProcessDom += (_, e) =>
        {
            foreach (var input in e.Document.QuerySelectorAll("input:not([type=checkbox i])"))
            {
                input.Remove();
            }
        };
        sanitizer.AllowedCssProperties.ExceptWith(["position", "z-index"]);
        sanitizer.AllowedAttributes.UnionWith(["class", "id", "controls", "loading", "open", "download", "title", "width", "height"]);
        // The page's scripts act on data attributes (a player's script address, the note a discussion is about), so
        // a note keeps only those our renderers write. A name shadows document methods: <img name="getElementById">.
        sanitizer.AllowedAttributes.UnionWith(["data-target", "data-seconds", "data-callout", "data-callout-fold", "data-height"]);
        sanitizer.AllowedAttributes.Remove("name");
        sanitizer.AllowedSchemes.Add("mailto");
        sanitizer.FilterUrl += (_, e) =>
        {
            if (e.Tag.LocalName == "img" && UrlPolicy.Clean(e.OriginalUrl, isImage: true) == e.OriginalUrl
                && e.OriginalUrl.StartsWith("data:", StringComparison.OrdinalIgnoreCase))
            {
                e.SanitizedUrl = e.OriginalUrl;
            }
        };
        return sanitizer;
    }
}
