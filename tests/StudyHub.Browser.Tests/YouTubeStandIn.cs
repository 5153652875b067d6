namespace StudyHub.Browser.Tests;

public static class YouTubeStandIn
{
    public const string ApiUrl = "https://www.youtube.com/iframe_api";

    /// Stands in for YouTube's IFrame API (no network here): it records what our adapter asks of it.
    public const string Script = """
        window.youTubeCalls = { created: [], seeks: [], plays: 0 };
        window.YT = {
          Player: function (element, options) {
            window.youTubeCalls.created.push({ videoId: options.videoId, playerVars: options.playerVars });
            let time = options.playerVars.start || 0;
            this.seekTo = seconds => { window.youTubeCalls.seeks.push(seconds); time = seconds; };
            this.playVideo = () => { window.youTubeCalls.plays++; };
            this.getCurrentTime = () => time;
            this.getDuration = () => 3600;
            this.getIframe = () => element;
            setTimeout(() => options.events.onReady({ target: this }), 0);
          }
        };
        window.onYouTubeIframeAPIReady();
        """;
}
