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
        var compact = url.AsSpan().IndexOfAnyInRange('\0', ' ') >= 0 || url.AsSpan().IndexOfAnyInRange('\u007F', '\u009F') >= 0
            ? string.Concat(url.Where(c => c > ' ' && !char.IsControl(c)))
            : url;
        var colon = compact.IndexOf(':', StringComparison.Ordinal);
        var firstDelimiter = compact.IndexOfAny(['/', '?', '#']);
        if (colon < 0 || (firstDelimiter >= 0 && firstDelimiter < colon))
        {
            return url;
        }

        var scheme = compact.AsSpan(0, colon);
        if (scheme.Equals("http", StringComparison.OrdinalIgnoreCase) || scheme.Equals("https", StringComparison.OrdinalIgnoreCase)
            || scheme.Equals("mailto", StringComparison.OrdinalIgnoreCase))
        {
            return url;
        }

        return isImage && scheme.Equals("data", StringComparison.OrdinalIgnoreCase) && SafeImageData().IsMatch(compact) ? url : Blocked;
    }

    [GeneratedRegex(@"^data:image/(png|jpeg|gif|webp)[;,]", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SafeImageData();
}
