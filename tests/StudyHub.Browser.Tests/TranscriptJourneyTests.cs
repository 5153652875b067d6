using System.Text.RegularExpressions;
using Microsoft.Playwright;
using StudyHub.Testing;
using static Microsoft.Playwright.Assertions;

namespace StudyHub.Browser.Tests;

public sealed partial class TranscriptJourneyTests(BrowserApp app) : BrowserTest(app)
{
    // Words said only in the recording: neither the note nor the sample vault has them.
    const string Transcript = "WEBVTT\n\n"
        + "00:00:00.500 --> 00:00:02.900\nGood morning.\n\n"
        + "00:00:03.000 --> 00:00:04.900\n<v Ana>First, the setup.\n\n"
        + "00:00:05.000 --> 00:00:07.900\nThe key idea is about axolotls regrowing limbs.\n\n"
        + "00:00:08.000 --> 00:00:11.000\nIn summary, regeneration.\n";

    async Task OpenTranscribedLectureAsync(string query = "")
    {
        await ImportTranscribedLectureAsync();
        await Page.GotoAsync($"/notes/transcribed/transcribed-lecture{query}");
        await Page.EvaluateAsync("() => window.loadedOnce = true");
    }

    async Task ImportTranscribedLectureAsync()
    {
        // The transcript sits beside the video with its name, which is what makes it the video's.
        using var vault = new TempVault("transcribed")
            .Write("Transcribed lecture.md", "![[lecture.webm]]\n\nWe start at 0:03. The key idea comes at 0:05.\n")
            .Write("media/lecture.webm", File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Media", "lecture.webm")))
            .Write("media/lecture.vtt", Transcript);
        await App.ImportVaultAsync(vault.Root);
    }

    ILocator Cue(int startMilliseconds) => Page.Locator($"[data-transcript] a.transcript-cue[data-start='{startMilliseconds}']");

    [Fact]
    public Task PlayingTheVideoHighlightsTheCueBeingSaid() => JourneyAsync(nameof(PlayingTheVideoHighlightsTheCueBeingSaid), async () =>
    {
        await OpenTranscribedLectureAsync();
        await Expect(Page.Locator("video[data-player=media]")).ToBeVisibleAsync();

        await Page.Locator(".note-body a.timestamp[data-seconds='3']").ClickAsync();

        await Expect(Cue(3000)).ToHaveClassAsync(IsCurrent());
        // Playing on, the next cue takes over.
        await Expect(Cue(5000)).ToHaveClassAsync(IsCurrent(), new() { Timeout = 20_000 });
        await Expect(Cue(5000)).ToHaveAttributeAsync("aria-current", "time");
        await Expect(Cue(3000)).Not.ToHaveClassAsync(IsCurrent());
        Assert.True(await Page.EvaluateAsync<bool>("() => window.loadedOnce === true"), "The page reloaded.");
    });

    [Fact]
    public Task ClickingACueSeeksTheVideoToIt() => JourneyAsync(nameof(ClickingACueSeeksTheVideoToIt), async () =>
    {
        await OpenTranscribedLectureAsync();

        await Cue(8000).ClickAsync();

        await Page.WaitForFunctionAsync("() => { const v = document.querySelector('video'); return v.currentTime >= 7.9 && v.currentTime < 11.5; }");
        await Expect(Cue(8000)).ToHaveClassAsync(IsCurrent());
        Assert.EndsWith("?t=8", Page.Url, StringComparison.Ordinal);
        Assert.True(await Page.EvaluateAsync<bool>("() => window.loadedOnce === true"), "The page reloaded.");
    });

    [Fact]
    public Task SearchingAWordSaidOnlyInTheRecordingOpensTheLectureAtThatMoment() =>
        JourneyAsync(nameof(SearchingAWordSaidOnlyInTheRecordingOpensTheLectureAtThatMoment), async () =>
    {
        await ImportTranscribedLectureAsync();
        await Page.GotoAsync("/search?q=axolotls");

        var said = Page.Locator(".search-said");
        await Expect(said).ToContainTextAsync("From the recording's transcript");
        await said.GetByRole(AriaRole.Link, new() { Name = "Transcribed lecture at 0:05" }).ClickAsync();

        await Expect(Page).ToHaveURLAsync(new Regex(@"/notes/transcribed/transcribed-lecture\?t=5$"));
        await Page.WaitForFunctionAsync("() => { const v = document.querySelector('video'); return v && v.readyState >= 1 && Math.abs(v.currentTime - 5) < 0.5; }");
    });

    [Fact]
    public Task SearchingWordsSaidInTheSecondRecordingOpensThatRecordingAtThatMoment() =>
        JourneyAsync(nameof(SearchingWordsSaidInTheSecondRecordingOpensThatRecordingAtThatMoment), async () =>
    {
        var video = File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Media", "lecture.webm"));
        using var vault = new TempVault("two-parts")
            .Write("Two parts.md", "![[part1.webm]]\n\n![[part2.webm]]\n")
            .Write("media/part1.webm", video).Write("media/part1.vtt", Transcript)
            .Write("media/part2.webm", video).Write("media/part2.vtt", "WEBVTT\n\n00:00:06.000 --> 00:00:09.000\nNewts regrow their hearts.\n");
        await App.ImportVaultAsync(vault.Root);
        await Page.GotoAsync("/search?q=newts");

        await Page.Locator(".search-said").GetByRole(AriaRole.Link, new() { Name = "Two parts at 0:06" }).ClickAsync();

        await Expect(Page).ToHaveURLAsync(new Regex(@"/notes/two-parts/two-parts\?recording=2&t=6$"));
        await Expect(Page.Locator("video[data-player=media]")).ToHaveAttributeAsync("src", new Regex(@"/part2\.webm#t=6$"));
        await Page.WaitForFunctionAsync("() => { const v = document.querySelector('video'); return v && v.readyState >= 1 && Math.abs(v.currentTime - 6) < 0.5; }");
        await Expect(Page.Locator("[data-transcript] a.transcript-cue")).ToHaveCountAsync(1);
        await Expect(Page.Locator("[data-transcript] a.transcript-cue")).ToContainTextAsync("Newts regrow their hearts.");
        await Page.Locator(".lecture-player-others").GetByRole(AriaRole.Link, new() { Name = "Play part1.webm" }).ClickAsync();
        await Expect(Page.Locator("video[data-player=media]")).ToHaveAttributeAsync("src", new Regex(@"/part1\.webm$"));
        await Expect(Cue(5000)).ToBeVisibleAsync();
    });

    [Fact]
    public Task TheReaderScrollsFreelySearchesTheTranscriptAndSeesWhatWasSaidAtATime() =>
        JourneyAsync(nameof(TheReaderScrollsFreelySearchesTheTranscriptAndSeesWhatWasSaidAtATime), async () =>
    {
        await OpenTranscribedLectureAsync();
        var follow = Page.Locator("[data-transcript-follow]");
        await Expect(Page.Locator("[data-transcript-tools]")).ToBeVisibleAsync();
        await Expect(follow).ToBeHiddenAsync();

        await Page.Locator("[data-transcript-cues]").HoverAsync();
        await Page.Mouse.WheelAsync(0, 40);
        await Expect(follow).ToBeVisibleAsync();
        await follow.ClickAsync();
        await Expect(follow).ToBeHiddenAsync();

        await Page.Locator("[data-transcript-search]").FillAsync("AXOLOTL");
        await Expect(Page.Locator("[data-transcript] a.transcript-cue:visible")).ToHaveCountAsync(1);
        await Expect(Cue(5000)).ToBeVisibleAsync();
        await Expect(Page.Locator("[data-transcript-status]")).ToHaveTextAsync("1 of 4 cues");

        var time = Page.Locator(".note-body a.timestamp[data-seconds='5']");
        await time.HoverAsync();
        var said = Page.Locator("#said-at[role=tooltip]");
        await Expect(said).ToHaveTextAsync("Said at 0:05The key idea is about axolotls regrowing limbs.");
        await Expect(time).ToHaveAttributeAsync("aria-describedby", "said-at");
        await Page.Keyboard.PressAsync("Escape");
        await Expect(said).ToHaveCountAsync(0);

        await Page.Locator(".note-body a.timestamp[data-seconds='3']").FocusAsync();
        await Expect(said).ToHaveTextAsync("Said at 0:03 by AnaFirst, the setup.");
    });

    /// A reader annotates what was said at 0:05: a classmate reading the lecture sees it arrive, on the timeline and in the
    /// panel with its quote and time, and so does its author after a reload.
    [Fact]
    public Task ACueAnnotatedIsOnTheTimelineAndInThePanelForItsAuthorAndLiveForAClassmate() =>
        JourneyAsync(nameof(ACueAnnotatedIsOnTheTimelineAndInThePanelForItsAuthorAndLiveForAClassmate), async () =>
    {
        await ImportTranscribedLectureAsync();
        await App.CreateUserAsync("listener@example.org");
        await App.CreateUserAsync("listening-classmate@example.org");
        var browser = await Browser.GetAsync();
        await using var classmateContext = await browser.NewContextAsync(new() { BaseURL = BaseAddress.ToString() });
        var classmate = await classmateContext.NewPageAsync();
        await DiscussionJourneyTests.SignInAsync(classmate, "listening-classmate@example.org");
        await classmate.GotoAsync("/notes/transcribed/transcribed-lecture");
        await DiscussionJourneyTests.WaitForTheDiscussionAsync(classmate);
        await classmate.EvaluateAsync("() => window.loadedOnce = true");
        await DiscussionJourneyTests.SignInAsync(Page, "listener@example.org");
        await Page.GotoAsync("/notes/transcribed/transcribed-lecture");
        await DiscussionJourneyTests.WaitForTheDiscussionAsync(Page);

        await Page.GetByRole(AriaRole.Button, new() { Name = "Annotate what was said at 0:05" }).ClickAsync();
        await Expect(Page.Locator("[data-composer] .annotation-quote")).ToHaveTextAsync("The key idea is about axolotls regrowing limbs.");
        await Expect(Page.Locator("[data-composer]")).ToContainTextAsync("Said at 0:05 in the recording.");
        await Expect(Page.GetByLabel("Time in the lecture")).ToHaveCountAsync(0);
        await Page.GetByLabel("Your annotation").FillAsync("Do they regrow hearts too?");
        await Page.Locator("[data-composer] button[type=submit]").ClickAsync();

        foreach (var reader in new[] { Page, classmate })
        {
            if (reader == Page)
            {
                await Expect(Page.Locator(".annotation", new() { HasText = "Do they regrow hearts too?" })).ToHaveCountAsync(1);
                await Page.ReloadAsync();
            }
            var item = reader.Locator("[data-annotations] .annotation", new() { HasText = "Do they regrow hearts too?" });
            await Expect(item.Locator(".annotation-quote")).ToHaveTextAsync("The key idea is about axolotls regrowing limbs.", new() { Timeout = 10_000 });
            await Expect(item.Locator(".discussion-meta a.timestamp")).ToHaveTextAsync("0:05");
            var id = await item.GetAttributeAsync("data-item");
            await Expect(reader.Locator($"[data-timeline] .timeline-marker[data-kind=annotation][data-annotation='{id}'] a[data-seconds='5']")).ToHaveCountAsync(1);
            Assert.Equal(0, await reader.Locator("mark.annotation-highlight").CountAsync());
        }
        Assert.True(await classmate.EvaluateAsync<bool>("() => window.loadedOnce === true"), "The classmate's page reloaded instead of updating live.");
    });

    static Regex IsCurrent() => IsCurrentClass();

    [GeneratedRegex(@"\bis-current\b")]
    private static partial Regex IsCurrentClass();
}
