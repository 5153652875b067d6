using System.Text.RegularExpressions;
using Microsoft.AspNetCore.WebUtilities;
using StudyHub.Markdown;

namespace StudyHub.Web.Features.Video;

public enum MediaProvider { File, YouTube, Vimeo }

/// A lecture recording a note links to. Id is the provider's video id, or for a file its URL without fragment.
public sealed partial record MediaSource(MediaProvider Provider, MediaKind Kind, string Id, int? Start = null)
{
    static readonly HashSet<string> YouTubeHosts = new(StringComparer.OrdinalIgnoreCase)
    {
        "youtube.com", "www.youtube.com", "m.youtube.com", "youtube-nocookie.com", "www.youtube-nocookie.com",
    };

    static readonly HashSet<string> VimeoHosts = new(StringComparer.OrdinalIgnoreCase)
    {
        "vimeo.com", "www.vimeo.com", "player.vimeo.com",
    };

    /// The recording a URL points at, or null when it is not one StudyHub can play.
    public static MediaSource? FromUrl(string? url)
    {
        if (string.IsNullOrWhiteSpace(url) || url.Length > 2048)
        {
            return null;
        }
        url = url.Trim();
        // Vault attachments are site-relative; on Unix "/x" would otherwise parse as an absolute file: URI.
        if (url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal))
        {
            return Uri.TryCreate(new Uri("http://localhost"), url, out var local) ? FromFile(local, local.PathAndQuery) : null;
        }
        if (!url.Contains("://", StringComparison.Ordinal) && ProviderHost().IsMatch(url))
        {
            url = "https://" + url;
        }
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http") || !string.IsNullOrEmpty(uri.UserInfo))
        {
            return null;
        }
        return uri.Host switch
        {
            "youtu.be" => FromYouTube(uri, FirstSegment(uri)),
            var host when YouTubeHosts.Contains(host) => FromYouTube(uri, YouTubeId(uri)),
            var host when VimeoHosts.Contains(host) => FromVimeo(uri),
            _ => FromFile(uri, uri.GetLeftPart(UriPartial.Query)),
        };
    }

    /// The address of the embedded player, cued at a moment.
    public string EmbedUrl(int? start = null) => (Provider, start ?? Start) switch
    {
        (MediaProvider.YouTube, > 0 and var at) => $"https://www.youtube-nocookie.com/embed/{Id}?enablejsapi=1&start={at}",
        (MediaProvider.YouTube, _) => $"https://www.youtube-nocookie.com/embed/{Id}?enablejsapi=1",
        (MediaProvider.Vimeo, > 0 and var at) => $"https://player.vimeo.com/video/{Id}#t={at}s",
        (MediaProvider.Vimeo, _) => $"https://player.vimeo.com/video/{Id}",
        (_, > 0 and var at) => $"{Id}#t={at}",
        _ => Id,
    };

    /// Where the recording plays from a moment without any script of ours: the provider's own page, or the file.
    public string LinkAt(int seconds) => Provider switch
    {
        MediaProvider.YouTube => $"https://www.youtube.com/watch?v={Id}&t={seconds}s",
        MediaProvider.Vimeo => $"https://vimeo.com/{Id}#t={seconds}s",
        _ => $"{Id}#t={seconds}",
    };

    static MediaSource? FromYouTube(Uri uri, string? id)
    {
        if (id is null || !YouTubeIdPattern().IsMatch(id))
        {
            return null;
        }
        var query = QueryHelpers.ParseQuery(uri.Query);
        var start = LectureTime.Parse(query.TryGetValue("t", out var t) ? t.ToString()
            : query.TryGetValue("start", out var s) ? s.ToString()
            : FragmentTime(uri));
        return new MediaSource(MediaProvider.YouTube, MediaKind.Video, id, start);
    }

    static string? YouTubeId(Uri uri)
    {
        if (uri.AbsolutePath.Equals("/watch", StringComparison.OrdinalIgnoreCase))
        {
            return QueryHelpers.ParseQuery(uri.Query).TryGetValue("v", out var v) ? v.ToString() : null;
        }
        var segments = uri.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries);
        return segments is [var kind, var id] && kind.ToLowerInvariant() is "embed" or "shorts" or "live" or "v" ? id : null;
    }

    static MediaSource? FromVimeo(Uri uri)
    {
        var segments = uri.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var id = (uri.Host, segments) switch
        {
            ("player.vimeo.com", ["video", var number]) => number,
            (not "player.vimeo.com", [var number]) => number,
            _ => null,
        };
        return id is not null && VimeoIdPattern().IsMatch(id)
            ? new MediaSource(MediaProvider.Vimeo, MediaKind.Video, id, LectureTime.Parse(FragmentTime(uri)))
            : null;
    }

    static MediaSource? FromFile(Uri uri, string url)
    {
        // A media fragment may give an end too ("#t=5,10"); only the start cues the player.
        var start = FragmentTime(uri)?.Split(',')[0];
        // The same table of extensions as the markdown's embeds, so a file that plays embedded also plays docked.
        return StudyHub.Markdown.Attachments.KindOf(uri.AbsolutePath) is var kind and (MediaKind.Audio or MediaKind.Video)
            ? new MediaSource(MediaProvider.File, kind, url, LectureTime.Parse(start))
            : null;
    }

    static string? FirstSegment(Uri uri) => uri.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries) is [var first] ? first : null;

    static string? FragmentTime(Uri uri) =>
        uri.Fragment.Length > 1 && QueryHelpers.ParseQuery(uri.Fragment[1..]).TryGetValue("t", out var t) ? t.ToString() : null;

    [GeneratedRegex("^[A-Za-z0-9_-]{11}$")]
    private static partial Regex YouTubeIdPattern();

    [GeneratedRegex("^[0-9]{1,12}$")]
    private static partial Regex VimeoIdPattern();

    [GeneratedRegex(@"^(www\.|m\.)?(youtube\.com|youtube-nocookie\.com|youtu\.be|vimeo\.com)/", RegexOptions.IgnoreCase)]
    private static partial Regex ProviderHost();
}
