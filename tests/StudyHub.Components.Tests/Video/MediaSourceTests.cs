using StudyHub.Markdown;
using StudyHub.Web.Features.Video;

namespace StudyHub.Components.Tests.Video;

public class MediaSourceTests
{
    public static TheoryData<string, MediaProvider, MediaKind, string, int?> Recordings => new()
    {
        { "https://www.youtube.com/watch?v=5vfIT5LOkR0", MediaProvider.YouTube, MediaKind.Video, "5vfIT5LOkR0", null },
        { "https://youtube.com/watch?feature=share&v=5vfIT5LOkR0&t=1680", MediaProvider.YouTube, MediaKind.Video, "5vfIT5LOkR0", 1680 },
        { "https://www.youtube.com/watch?v=5vfIT5LOkR0&t=1680s", MediaProvider.YouTube, MediaKind.Video, "5vfIT5LOkR0", 1680 },
        { "https://www.youtube.com/watch?v=5vfIT5LOkR0&t=28m", MediaProvider.YouTube, MediaKind.Video, "5vfIT5LOkR0", 1680 },
        { "https://www.youtube.com/watch?v=5vfIT5LOkR0&t=28m0s", MediaProvider.YouTube, MediaKind.Video, "5vfIT5LOkR0", 1680 },
        { "https://www.youtube.com/watch?v=5vfIT5LOkR0&t=1h2m3s", MediaProvider.YouTube, MediaKind.Video, "5vfIT5LOkR0", 3723 },
        { "https://www.youtube.com/watch?v=5vfIT5LOkR0#t=28m", MediaProvider.YouTube, MediaKind.Video, "5vfIT5LOkR0", 1680 },
        { "https://m.youtube.com/watch?v=5vfIT5LOkR0", MediaProvider.YouTube, MediaKind.Video, "5vfIT5LOkR0", null },
        { "https://youtu.be/5vfIT5LOkR0?t=1680", MediaProvider.YouTube, MediaKind.Video, "5vfIT5LOkR0", 1680 },
        { "https://youtu.be/5vfIT5LOkR0?si=AbCdEf", MediaProvider.YouTube, MediaKind.Video, "5vfIT5LOkR0", null },
        { "https://www.youtube.com/embed/5vfIT5LOkR0?start=1680", MediaProvider.YouTube, MediaKind.Video, "5vfIT5LOkR0", 1680 },
        { "https://www.youtube-nocookie.com/embed/5vfIT5LOkR0", MediaProvider.YouTube, MediaKind.Video, "5vfIT5LOkR0", null },
        { "https://www.youtube.com/shorts/5vfIT5LOkR0", MediaProvider.YouTube, MediaKind.Video, "5vfIT5LOkR0", null },
        { "https://www.youtube.com/live/5vfIT5LOkR0?t=60", MediaProvider.YouTube, MediaKind.Video, "5vfIT5LOkR0", 60 },
        { "https://www.youtube.com/watch?v=5vfIT5LOkR0&t=%F0%9F%92%A9", MediaProvider.YouTube, MediaKind.Video, "5vfIT5LOkR0", null },
        { "www.youtube.com/watch?v=5vfIT5LOkR0", MediaProvider.YouTube, MediaKind.Video, "5vfIT5LOkR0", null },
        { "  https://www.youtube.com/watch?v=5vfIT5LOkR0  ", MediaProvider.YouTube, MediaKind.Video, "5vfIT5LOkR0", null },
        { "https://vimeo.com/76979871", MediaProvider.Vimeo, MediaKind.Video, "76979871", null },
        { "https://vimeo.com/76979871#t=1680s", MediaProvider.Vimeo, MediaKind.Video, "76979871", 1680 },
        { "https://player.vimeo.com/video/76979871#t=28m", MediaProvider.Vimeo, MediaKind.Video, "76979871", 1680 },
        { "https://cdn.example.org/cs224n/lecture-16.mp4", MediaProvider.File, MediaKind.Video, "https://cdn.example.org/cs224n/lecture-16.mp4", null },
        { "https://cdn.example.org/lecture.webm#t=5", MediaProvider.File, MediaKind.Video, "https://cdn.example.org/lecture.webm", 5 },
        { "https://cdn.example.org/lecture.ogv#t=1:05,90", MediaProvider.File, MediaKind.Video, "https://cdn.example.org/lecture.ogv", 65 },
        { "https://cdn.example.org/lecture.MP3", MediaProvider.File, MediaKind.Audio, "https://cdn.example.org/lecture.MP3", null },
        { "https://cdn.example.org/lecture.m4a?token=abc", MediaProvider.File, MediaKind.Audio, "https://cdn.example.org/lecture.m4a?token=abc", null },
        { "https://cdn.example.org/lecture.ogg", MediaProvider.File, MediaKind.Audio, "https://cdn.example.org/lecture.ogg", null },
        { "https://cdn.example.org/lecture.wav", MediaProvider.File, MediaKind.Audio, "https://cdn.example.org/lecture.wav", null },
        {
            "/attachments/9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08/lecture%2016.mp4#t=28:00", MediaProvider.File, MediaKind.Video,
            "/attachments/9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08/lecture%2016.mp4", 1680
        },
    };

    /// These once played embedded but not docked (.mov, .mkv, .flac, .3gp), or docked but not embedded (.m4v).
    [Theory]
    [InlineData("lecture.mov", MediaKind.Video)]
    [InlineData("lecture.mkv", MediaKind.Video)]
    [InlineData("lecture.m4v", MediaKind.Video)]
    [InlineData("lecture.flac", MediaKind.Audio)]
    [InlineData("lecture.3gp", MediaKind.Audio)]
    public void AFileThatEmbedsAsARecordingAlsoPlaysDocked(string fileName, MediaKind kind)
    {
        Assert.Equal(kind, Attachments.KindOf(fileName));
        Assert.Equal(kind, MediaSource.FromUrl($"/attachments/abc/{fileName}")?.Kind);
    }

    [Theory, MemberData(nameof(Recordings))]
    public void RecognisesLectureRecordings(string url, MediaProvider provider, MediaKind kind, string id, int? start)
    {
        Assert.Equal(new MediaSource(provider, kind, id, start), MediaSource.FromUrl(url));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("javascript:alert(1)")]
    [InlineData("javascript://www.youtube.com/watch?v=5vfIT5LOkR0")]
    [InlineData("data:video/mp4;base64,AAAA")]
    [InlineData("file:///home/me/lecture.mp4")]
    [InlineData("ftp://example.org/lecture.mp4")]
    [InlineData("//evil.example/lecture.mp4")]
    [InlineData("https://evil.example/watch?v=x")]
    [InlineData("https://evil.example/watch?v=5vfIT5LOkR0")]
    [InlineData("youtube.com.evil.example")]
    [InlineData("https://youtube.com.evil.example/watch?v=5vfIT5LOkR0")]
    [InlineData("https://www.youtube.com@evil.example/watch?v=5vfIT5LOkR0")]
    [InlineData("https://www.youtube.com/watch?v=x")]
    [InlineData("https://www.youtube.com/watch?v=5vfIT5LOkR0%22onload%3D")]
    [InlineData("https://www.youtube.com/watch")]
    [InlineData("https://www.youtube.com/channel/UCBa5G_ESCn8Yd4vw5U-gIcg")]
    [InlineData("https://youtu.be/")]
    [InlineData("https://vimeo.com/channels/staffpicks")]
    [InlineData("https://vimeo.com/abc")]
    [InlineData("https://example.org/notes.pdf")]
    [InlineData("https://example.org/lecture.mp4.exe")]
    [InlineData("/notes/lecture-16")]
    [InlineData("Lectures/lecture.mp4")]
    [InlineData("https://[::1")]
    [InlineData("%%%")]
    public void RefusesAnythingElse(string? url)
    {
        Assert.Null(MediaSource.FromUrl(url));
    }

    [Theory]
    [InlineData("https://youtu.be/5vfIT5LOkR0", null, "https://www.youtube-nocookie.com/embed/5vfIT5LOkR0?enablejsapi=1")]
    [InlineData("https://youtu.be/5vfIT5LOkR0", 1680, "https://www.youtube-nocookie.com/embed/5vfIT5LOkR0?enablejsapi=1&start=1680")]
    [InlineData("https://youtu.be/5vfIT5LOkR0?t=60", null, "https://www.youtube-nocookie.com/embed/5vfIT5LOkR0?enablejsapi=1&start=60")]
    [InlineData("https://vimeo.com/76979871", 1680, "https://player.vimeo.com/video/76979871#t=1680s")]
    [InlineData("https://vimeo.com/76979871", null, "https://player.vimeo.com/video/76979871")]
    [InlineData("/attachments/abc/lecture.mp4", 5, "/attachments/abc/lecture.mp4#t=5")]
    [InlineData("/attachments/abc/lecture.mp4", 0, "/attachments/abc/lecture.mp4")]
    public void EmbedsCuedAtAMoment(string url, int? start, string embed)
    {
        Assert.Equal(embed, MediaSource.FromUrl(url)!.EmbedUrl(start));
    }

    [Theory]
    [InlineData("https://youtu.be/5vfIT5LOkR0", "https://www.youtube.com/watch?v=5vfIT5LOkR0&t=1680s")]
    [InlineData("https://player.vimeo.com/video/76979871", "https://vimeo.com/76979871#t=1680s")]
    [InlineData("/attachments/abc/lecture.mp3", "/attachments/abc/lecture.mp3#t=1680")]
    public void LinksToTheProviderAtAMoment(string url, string link)
    {
        Assert.Equal(link, MediaSource.FromUrl(url)!.LinkAt(1680));
    }
}
