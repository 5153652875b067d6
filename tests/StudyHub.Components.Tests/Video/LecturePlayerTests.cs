using StudyHub.Web.Features.Video;

namespace StudyHub.Components.Tests.Video;

public class LecturePlayerTests : BunitContext
{
    const string Lecture = "https://www.youtube.com/watch?v=5vfIT5LOkR0";

    [Fact]
    public void FileLectureIsCuedAtTheDeepLinkedTime()
    {
        var player = Render<LecturePlayer>(p => p
            .Add(x => x.Media, [MediaSource.FromUrl("/attachments/abc/lecture.mp4")!])
            .Add(x => x.Start, 5));

        player.MarkupMatches("""
            <aside class="lecture-player" aria-label="Lecture recording" data-lecture-player data-recording="0">
              <details class="lecture-player-panel" open>
                <summary>Lecture recording</summary>
                <video class="lecture-player-screen" data-player="media" data-start="5" src="/attachments/abc/lecture.mp4#t=5"
                       controls preload="metadata" aria-label="Lecture video">
                  <a href="/attachments/abc/lecture.mp4">Download the lecture video</a>
                </video>
                <div class="lecture-player-actions">
                  <button type="button" data-copy-link hidden>Copy link at current time</button>
                  <input type="text" readonly aria-label="Link at current time" data-copy-fallback hidden>
                  <p class="lecture-player-status" role="status" data-player-status></p>
                </div>
              </details>
            </aside>
            """);
    }

    [Fact]
    public void YouTubeLectureLeavesThePlayerToTheScriptAndLinksToYouTubeWithoutIt()
    {
        var player = Render<LecturePlayer>(p => p
            .Add(x => x.Media, [MediaSource.FromUrl(Lecture)!])
            .Add(x => x.Start, 1680));

        player.Find("[data-player]").MarkupMatches("""
            <div class="lecture-player-screen" data-player="youtube" data-video-id="5vfIT5LOkR0" data-start="1680"
                 data-youtube-api="https://www.youtube.com/iframe_api">
              <a href="https://www.youtube.com/watch?v=5vfIT5LOkR0&amp;t=1680s">Watch the lecture on YouTube from 28:00</a>
            </div>
            """);
    }

    [Fact]
    public void LectureStartsWhereItsOwnLinkSaysWithoutADeepLink()
    {
        var player = Render<LecturePlayer>(p => p
            .Add(x => x.Media, [MediaSource.FromUrl("https://youtu.be/5vfIT5LOkR0?t=60")!])
            .Add(x => x.YouTubeApi, "/test/iframe_api.js"));

        var screen = player.Find("[data-player]");
        Assert.Equal("60", screen.GetAttribute("data-start"));
        Assert.Equal("/test/iframe_api.js", screen.GetAttribute("data-youtube-api"));
    }

    [Fact]
    public void VimeoLectureIsAnEmbeddedPlayer()
    {
        var player = Render<LecturePlayer>(p => p
            .Add(x => x.Media, [MediaSource.FromUrl("https://vimeo.com/76979871")!])
            .Add(x => x.Start, 1680));

        player.Find("[data-player]").MarkupMatches("""
            <iframe class="lecture-player-screen" data-player="vimeo" data-video-id="76979871" data-start="1680"
                    src="https://player.vimeo.com/video/76979871#t=1680s" title="Lecture video on Vimeo"
                    allow="autoplay; fullscreen; picture-in-picture" allowfullscreen></iframe>
            """);
    }

    [Fact]
    public void AudioLectureIsAnAudioPlayer()
    {
        var player = Render<LecturePlayer>(p => p.Add(x => x.Media, [MediaSource.FromUrl("/attachments/abc/lecture.m4a")!]));

        player.Find("[data-player]").MarkupMatches("""
            <audio class="lecture-player-screen" data-player="media" src="/attachments/abc/lecture.m4a"
                   controls preload="metadata" aria-label="Lecture audio">
              <a href="/attachments/abc/lecture.m4a">Download the lecture audio</a>
            </audio>
            """);
    }

    [Fact]
    public void OtherRecordingsAreListedUnderThePlayerEachPlayedByTheNotesPage()
    {
        var player = Render<LecturePlayer>(p => p.Add(x => x.Address, "course/week-1").Add(x => x.Media,
            [MediaSource.FromUrl(Lecture)!, MediaSource.FromUrl("/attachments/abc/lecture%2016.mp3")!, MediaSource.FromUrl("https://vimeo.com/76979871")!]));

        player.Find(".lecture-player-others").MarkupMatches("""
            <ul class="lecture-player-others" aria-label="Other recordings">
              <li><a href="/notes/course/week-1?recording=2">Play lecture 16.mp3</a></li>
              <li><a href="/notes/course/week-1?recording=3">Play On Vimeo</a></li>
            </ul>
            """);
    }

    [Fact]
    public void ThePickedRecordingPlaysAtItsMomentAndTheLectureIsListedAmongTheOthers()
    {
        var player = Render<LecturePlayer>(p => p.Add(x => x.Address, "course/week-1").Add(x => x.Shown, 1).Add(x => x.Start, 95).Add(x => x.Media,
            [MediaSource.FromUrl(Lecture)!, MediaSource.FromUrl("/attachments/abc/lecture%2016.mp3")!]));

        Assert.Equal("1", player.Find("[data-lecture-player]").GetAttribute("data-recording"));
        Assert.Equal("/attachments/abc/lecture%2016.mp3#t=95", player.Find("audio[data-player=media]").GetAttribute("src"));
        Assert.Equal(["/notes/course/week-1"], player.FindAll(".lecture-player-others a").Select(a => a.GetAttribute("href")));
    }

    [Fact]
    public void TimesInTheNoteShowOnATimelineUnderThePlayer()
    {
        var player = Render<LecturePlayer>(p => p
            .Add(x => x.Media, [MediaSource.FromUrl(Lecture)!])
            .Add(x => x.Markers, [new TimelineMarker(1680, "Pick back up at 28:00")]));

        Assert.Single(player.FindAll("details nav[data-timeline] a[data-seconds='1680']"));
    }

    [Fact]
    public void NoteWithoutRecordingsHasNoPlayer()
    {
        var player = Render<LecturePlayer>(p => p.Add(x => x.Media, []));

        player.MarkupMatches(string.Empty);
    }
}
