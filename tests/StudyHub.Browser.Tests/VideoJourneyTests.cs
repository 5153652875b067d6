using System.Text.Json;
using Microsoft.Playwright;
using StudyHub.Testing;
using static Microsoft.Playwright.Assertions;

namespace StudyHub.Browser.Tests;

public sealed class VideoJourneyTests(BrowserApp app) : BrowserTest(app)
{
    const string LectureNote = "Lecture with a recording";

    async Task<string> OpenLocalLectureAsync(string query = "")
    {
        using var vault = new TempVault("recorded")
            .Write($"{LectureNote}.md", "![[lecture.webm]]\n\nWe start at 0:03. The key idea comes at 0:05. The summary is at 0:08.\n")
            .Write("media/lecture.webm", File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Media", "lecture.webm")));
        await App.ImportVaultAsync(vault.Root);
        var address = "recorded/lecture-with-a-recording";
        await Page.GotoAsync($"/notes/{address}{query}");
        await Page.EvaluateAsync("() => window.loadedOnce = true");
        return address;
    }

    [Fact]
    public Task ClickingATimeSeeksTheVideoAndPlaysWithoutReloading() => JourneyAsync(nameof(ClickingATimeSeeksTheVideoAndPlaysWithoutReloading), async () =>
    {
        await OpenLocalLectureAsync();
        var video = Page.Locator("video[data-player=media]");
        await Expect(video).ToBeVisibleAsync();

        await Page.Locator(".note-body a.timestamp[data-seconds='3']").ClickAsync();

        await Page.WaitForFunctionAsync("() => { const v = document.querySelector('video'); return v.currentTime >= 3 && v.currentTime < 4.5 && !v.paused; }");
        Assert.True(await Page.EvaluateAsync<bool>("() => window.loadedOnce === true"), "The page reloaded.");
        Assert.EndsWith("?t=3", Page.Url, StringComparison.Ordinal);
    });

    [Fact]
    public Task TimelineMarkersShowTheirTimeTheirPassageOnPointingAndFocusAndWhereTheLectureIs() =>
        JourneyAsync(nameof(TimelineMarkersShowTheirTimeTheirPassageOnPointingAndFocusAndWhereTheLectureIs), async () =>
    {
        await OpenLocalLectureAsync();
        var timeline = Page.Locator("[data-timeline][data-duration]");
        var passage = timeline.Locator("[data-timeline-passage]");
        await Expect(timeline).ToBeVisibleAsync();

        var keyIdea = timeline.Locator("a[data-seconds='5']");
        var timeUnderIt = await keyIdea.Locator("time").BoundingBoxAsync();
        var bar = await timeline.Locator(".timeline-markers").BoundingBoxAsync();
        Assert.True(timeUnderIt is { Width: > 10 } && timeUnderIt.Y >= bar!.Y + bar.Height - 1, "The marker's time is not shown under the bar.");

        await keyIdea.HoverAsync();
        await Expect(passage).ToHaveTextAsync("0:05 The key idea comes at 0:05.");
        await Page.Mouse.MoveAsync(0, 0);
        await Expect(passage).ToBeEmptyAsync();

        await timeline.Locator("a[data-seconds='8']").FocusAsync();
        await Expect(passage).ToHaveTextAsync("0:08 The summary is at 0:08.");

        await timeline.Locator("a[data-seconds='3']").ClickAsync();
        await Expect(timeline.Locator("[data-timeline-now]")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^0:0[3-9] / 0:\d\d$"));
        var playhead = await timeline.EvaluateAsync<double>("t => parseFloat(getComputedStyle(t).getPropertyValue('--now'))");
        Assert.InRange(playhead, 1, 99);
    });

    [Fact]
    public Task ADeepLinkCuesTheVideoAtItsTime() => JourneyAsync(nameof(ADeepLinkCuesTheVideoAtItsTime), async () =>
    {
        await OpenLocalLectureAsync("?t=0:05");

        await Page.WaitForFunctionAsync("() => { const v = document.querySelector('video'); return v.readyState >= 1 && Math.abs(v.currentTime - 5) < 0.5; }");
    });

    [Fact]
    public Task ADeepLinkPastTheEndOfTheRecordingSaysSo() => JourneyAsync(nameof(ADeepLinkPastTheEndOfTheRecordingSaysSo), async () =>
    {
        await OpenLocalLectureAsync("?t=1:00");

        await Expect(Page.Locator("[data-player-status]")).ToContainTextAsync(new System.Text.RegularExpressions.Regex(@"^This recording is 0:\d\d long, so 1:00 is past its end\.$"));
    });

    [Fact]
    public Task FollowAlongMarksTheLastTimePassed() => JourneyAsync(nameof(FollowAlongMarksTheLastTimePassed), async () =>
    {
        await OpenLocalLectureAsync();
        await Page.Locator(".note-body a.timestamp[data-seconds='3']").ClickAsync();

        var keyIdea = Page.Locator(".note-body a.timestamp[data-seconds='5']");
        await Expect(keyIdea).ToHaveClassAsync(new System.Text.RegularExpressions.Regex(@"\bis-current\b"), new() { Timeout = 10_000 });
        await Expect(keyIdea).ToHaveAttributeAsync("aria-current", "time");
        await Expect(Page.Locator(".note-body a.timestamp[data-seconds='3']")).Not.ToHaveClassAsync(new System.Text.RegularExpressions.Regex(@"\bis-current\b"));
        Assert.True(await Page.EvaluateAsync<bool>("() => window.loadedOnce === true"), "The page reloaded.");
    });

    [Fact]
    public Task FollowAlongMarksOnlyTheTimesOfTheRecordingPlaying() => JourneyAsync(nameof(FollowAlongMarksOnlyTheTimesOfTheRecordingPlaying), async () =>
    {
        var video = File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Media", "lecture.webm"));
        using var vault = new TempVault("parts")
            .Write("Two parts.md", "# Two parts\n\n![[part1.webm]]\n\nThe first part begins at 0:02.\n\n---\n\n![[part2.webm]]\n\nThe second part's idea at 0:04.\n")
            .Write("media/part1.webm", video).Write("media/part2.webm", video);
        await App.ImportVaultAsync(vault.Root);
        await Page.GotoAsync("/notes/parts/two-parts");
        var second = Page.Locator(".note-body a.timestamp[data-seconds='4']");
        await Expect(second).ToHaveAttributeAsync("href", new System.Text.RegularExpressions.Regex(@"recording=2"));

        await Page.WaitForFunctionAsync("() => document.querySelector('video')?.readyState >= 1");
        await Page.EvaluateAsync("() => { const v = document.querySelector('video'); v.pause(); v.currentTime = 4.5; }");

        await Expect(Page.Locator(".note-body a.timestamp[data-seconds='2']")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex(@"\bis-current\b"), new() { Timeout = 10_000 });
        await Expect(second).Not.ToHaveClassAsync(new System.Text.RegularExpressions.Regex(@"\bis-current\b"));
    });

    [Fact]
    public Task TheSeedLecturesTimeSeeksTheYouTubePlayer() => JourneyAsync(nameof(TheSeedLecturesTimeSeeksTheYouTubePlayer), async () =>
    {
        await Page.RouteAsync(YouTubeStandIn.ApiUrl, route => route.FulfillAsync(new() { ContentType = "text/javascript", Body = YouTubeStandIn.Script }));
        await Page.GotoAsync("/notes/cs224n/lectures/multimodal-deep-learning");
        await Page.WaitForFunctionAsync("() => window.youTubeCalls && window.youTubeCalls.created.length === 1");

        await Page.Locator(".note-body a.timestamp", new() { HasText = "28:00" }).ClickAsync();

        await Page.WaitForFunctionAsync("() => window.youTubeCalls.seeks.includes(1680) && window.youTubeCalls.plays > 0");
        var created = await Page.EvaluateAsync<JsonElement>("() => window.youTubeCalls.created[0]");
        Assert.Equal("5vfIT5LOkR0", created.GetProperty("videoId").GetString());
    });

    [Fact]
    public Task ADeepLinkStartsTheYouTubePlayerThere() => JourneyAsync(nameof(ADeepLinkStartsTheYouTubePlayerThere), async () =>
    {
        await Page.RouteAsync(YouTubeStandIn.ApiUrl, route => route.FulfillAsync(new() { ContentType = "text/javascript", Body = YouTubeStandIn.Script }));

        await Page.GotoAsync("/notes/cs224n/lectures/multimodal-deep-learning?t=28m00s");

        await Page.WaitForFunctionAsync("() => window.youTubeCalls && window.youTubeCalls.created.length === 1");
        var start = await Page.EvaluateAsync<int>("() => window.youTubeCalls.created[0].playerVars.start");
        Assert.Equal(1680, start);
    });
}
