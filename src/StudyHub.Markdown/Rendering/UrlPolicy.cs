using System.Text.RegularExpressions;

namespace StudyHub.Markdown.Rendering;

// Allows http, https, mailto, relative and fragment URLs, and raster data: URLs for images only.
internal static partial class UrlPolicy
{
    public const string Blocked = "#";

    public static string Clean(string? url, bool isImage)
    {
        if (string.IsNullOrEmpty(url))
        {
            return url ?? "";
        }

        // Browsers ignore control characters and whitespace inside a scheme ("jav\tascript:"), so judge the URL without them.
        var compact = string.Concat(url.Where(c => c > ' ' && !char.IsControl(c)));
        var colon = compact.IndexOf(':', StringComparison.Ordinal);
        var firstDelimiter = compact.IndexOfAny(['/', '?', '#']);
        if (colon < 0 || (firstDelimiter >= 0 && firstDelimiter < colon))
        {
            return url;
        }

        var scheme = compact[..colon].ToLowerInvariant();
        if (scheme is "http" or "https" or "mailto")
        {
            return url;
        }

        return isImage && scheme == "data" && SafeImageData().IsMatch(compact) ? url : Blocked;
    }

    [GeneratedRegex(@"^data:image/(png|jpeg|gif|webp)[;,]", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SafeImageData();
}
