using Ganss.Xss;

namespace StudyHub.Markdown.Rendering;

// The allowlist applied to rendered notes that contain raw HTML.
internal static class HtmlSafety
{
    // HtmlSanitizer is thread-safe once configured.
    private static readonly HtmlSanitizer Sanitizer = Create();

    public static string Sanitize(string html) => Sanitizer.Sanitize(html);

    private static HtmlSanitizer Create()
    {
        var sanitizer = new HtmlSanitizer();
        // REVIEW: iframes stay off the allowlist so raw HTML cannot frame other sites; the cost is that PDF previews
        // in notes with raw HTML fall back to their download link.
        sanitizer.AllowedTags.UnionWith(["audio", "video", "source", "details", "summary", "mark", "figure", "figcaption"]);
        // Forms and fixed overlays in a note could imitate the app's own UI (phishing); task-list checkboxes are the only inputs we render.
        sanitizer.AllowedTags.ExceptWith(["form", "button", "select", "option", "optgroup", "textarea", "keygen", "datalist", "menuitem"]);
        sanitizer.AllowedCssProperties.ExceptWith(["position", "z-index"]);
        sanitizer.AllowedAttributes.UnionWith(["class", "id", "controls", "loading", "open", "download", "title", "width", "height"]);
        // The page's scripts act on data attributes (a player's script address, the note a discussion is about), so
        // a note keeps only those our renderers write. A name shadows document methods: <img name="getElementById">.
        sanitizer.AllowedAttributes.UnionWith(["data-target", "data-seconds", "data-callout", "data-callout-fold"]);
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
