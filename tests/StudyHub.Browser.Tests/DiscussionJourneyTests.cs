using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using StudyHub.Testing;
using StudyHub.Web.Data;
using StudyHub.Web.Features.Accounts;
using StudyHub.Web.Features.Annotations;
using static Microsoft.Playwright.Assertions;

namespace StudyHub.Browser.Tests;

public sealed partial class DiscussionJourneyTests(BrowserApp app) : BrowserTest(app)
{
    const string Lecture = "/notes/cs224n/lectures/multimodal-deep-learning";
    const string Passage = "Combine just the scores/logits";

    /// A note whose interview, after a rule, has a recording of its own: annotated while the interview plays, a passage
    /// keeps the interview's moment, marked on the interview's timeline, and its time plays the interview.
    [Fact]
    public Task APassageAnnotatedWhileTheSecondRecordingPlaysKeepsThatRecordingsMoment() =>
        JourneyAsync(nameof(APassageAnnotatedWhileTheSecondRecordingPlaysKeepsThatRecordingsMoment), async () =>
    {
        var video = File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Media", "lecture.webm"));
        using var vault = new TempVault("interviewed")
            .Write("Interviewed.md", "# Interviewed\n\n![[talk.webm]]\n\nThe talk begins at 0:02.\n\n---\n\n## Interview\n\n![[interview.webm]]\n\nThe guest answers at 0:06.\n")
            .Write("media/talk.webm", video).Write("media/interview.webm", video);
        await App.ImportVaultAsync(vault.Root);
        await App.CreateUserAsync("interviewer@example.org");
        await SignInAsync(Page, "interviewer@example.org");
        await Page.GotoAsync("/notes/interviewed/interviewed?recording=2");

        var marker = Page.Locator("[data-timeline] .timeline-marker[data-kind=timestamp] a");
        await Expect(marker).ToHaveCountAsync(1);
        await Expect(marker).ToHaveAttributeAsync("href", new Regex(@"/notes/interviewed/interviewed\?recording=2&t=6$"));
        // A clicked time plays on from there; on a loaded machine the interview would be past 0:07 before the annotation begins.
        await Page.EvaluateAsync("() => document.addEventListener('seeked', event => event.target.pause(), { capture: true, once: true })");
        await marker.ClickAsync();
        await Page.WaitForFunctionAsync("() => { const v = document.querySelector('video'); return v && v.readyState >= 1 && v.paused && Math.abs(v.currentTime - 6) < 0.5; }");
        await SelectAsync(Page, "The guest answers");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Annotate", Exact = true }).ClickAsync();
        await Expect(Page.GetByLabel("Time in the lecture")).ToHaveValueAsync("0:06");
        await Page.GetByLabel("Your annotation").FillAsync("What did the guest mean?");
        await Page.Locator("[data-composer] button[type=submit]").ClickAsync();

        var item = Page.Locator(".annotation", new() { HasText = "What did the guest mean?" });
        await Expect(item.Locator("a.timestamp")).ToHaveAttributeAsync("href", new Regex(@"/notes/interviewed/interviewed\?recording=2&t=6$"));
        await Expect(Page.Locator("[data-timeline] .timeline-marker[data-kind=annotation] a[data-seconds='6']")).ToHaveCountAsync(1);
        await Page.GotoAsync("/notes/interviewed/interviewed");
        await Expect(item).ToBeVisibleAsync();
        await Expect(Page.Locator("[data-timeline] .timeline-marker[data-kind=annotation]")).ToHaveCountAsync(0);
    });

    [Fact]
    public Task AnnotateAtThePlayersTimeThenReplyLiveAndShare() => JourneyAsync(nameof(AnnotateAtThePlayersTimeThenReplyLiveAndShare), async () =>
    {
        await UseYouTubeStandInAsync(Page);
        var invite = await Invites.CreateAsync(App.Services.GetRequiredService<IDbContextFactory<StudyHubDbContext>>(), "admin@example.org", DateTimeOffset.UtcNow);
        await Page.GotoAsync("/account/register");
        await Page.Locator("#register-email").FillAsync("student@example.org");
        await Page.Locator("#register-password").FillAsync(StudyHubApp.Password);
        await Page.Locator("#register-invite").FillAsync(invite.Code);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Register" }).ClickAsync();
        await Expect(Page.Locator(".account-sent")).ToContainTextAsync("We sent a link to student@example.org");
        await Page.GotoAsync(App.Emails.LinkTo("student@example.org", "/account/confirm"));
        await Expect(Page.GetByText("Your address is confirmed")).ToBeVisibleAsync();
        await SignInAsync(Page, "student@example.org");

        await Page.GotoAsync(Lecture);
        await Page.WaitForFunctionAsync("() => window.youTubeCalls && window.youTubeCalls.created.length === 1");
        await Page.Locator(".note-body a.timestamp", new() { HasText = "28:00" }).ClickAsync();
        await Page.WaitForFunctionAsync("() => window.youTubeCalls.seeks.includes(1680)");
        await SelectAsync(Page, Passage);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Annotate", Exact = true }).ClickAsync();
        await Expect(Page.GetByLabel("Time in the lecture")).ToHaveValueAsync("28:00");
        await Page.GetByLabel("Your annotation").FillAsync("Why would the scores be enough?");
        await Page.Locator("[data-composer] button[type=submit]").ClickAsync();

        // The other journey in this class may have annotated the lecture too.
        var highlight = Page.Locator("mark.annotation-highlight", new() { HasText = Passage });
        await Expect(highlight).ToHaveTextAsync(Passage);
        await Page.ReloadAsync();
        await Expect(highlight).ToHaveTextAsync(Passage);
        var item = Page.Locator(".annotation", new() { HasText = "Why would the scores be enough?" });
        await Expect(item.Locator("a.timestamp")).ToHaveTextAsync("28:00");
        var id = (await item.GetAttributeAsync("data-item"))!;
        await Expect(Page.Locator("[data-timeline] .timeline-marker[data-kind=annotation] a[data-seconds='1680']")).ToHaveCountAsync(1);

        await App.CreateUserAsync("classmate@example.org");
        var browser = await Browser.GetAsync();
        await using var classmateContext = await browser.NewContextAsync(new() { BaseURL = BaseAddress.ToString() });
        var classmate = await classmateContext.NewPageAsync();
        await UseYouTubeStandInAsync(classmate);
        await SignInAsync(classmate, "classmate@example.org");
        await classmate.GotoAsync(Lecture);
        await Expect(classmate.Locator($"mark.annotation-highlight[data-annotation='{id}']")).ToHaveTextAsync(Passage);
        await classmate.EvaluateAsync("() => window.loadedOnce = true");

        await item.GetByRole(AriaRole.Button, new() { Name = "Reply" }).ClickAsync();
        await Page.GetByLabel("Your reply").FillAsync("Late fusion only ever sees each model's verdict.");
        await Page.Locator($"form[data-form='reply:{id}'] button[type=submit]").ClickAsync();

        await Expect(classmate.Locator($"#annotation-{id} .replies")).ToContainTextAsync("Late fusion only ever sees", new() { Timeout = 5_000 });
        Assert.True(await classmate.EvaluateAsync<bool>("() => window.loadedOnce === true"), "The classmate's page reloaded instead of updating live.");

        await classmate.GotoAsync($"/annotations/{id}");
        Assert.Matches(SharedLinkTarget(), classmate.Url);
        await classmate.WaitForFunctionAsync("() => window.youTubeCalls && window.youTubeCalls.created.length === 1");
        Assert.Equal(1680, await classmate.EvaluateAsync<int>("() => window.youTubeCalls.created[0].playerVars.start"));
        var shared = classmate.Locator("mark.annotation-highlight.is-active");
        await Expect(shared).ToHaveTextAsync(Passage);
        await Expect(shared).ToBeInViewportAsync();
    });

    [Fact]
    public Task AnAnnotationMadeBeforeThePlayerWasPlayedOrSoughtHasNoTime() => JourneyAsync(nameof(AnAnnotationMadeBeforeThePlayerWasPlayedOrSoughtHasNoTime), async () =>
    {
        await UseYouTubeStandInAsync(Page);
        await App.CreateUserAsync("untimed@example.org");
        await SignInAsync(Page, "untimed@example.org");
        await Page.GotoAsync(Lecture);
        await Page.WaitForFunctionAsync("() => window.youTubeCalls && window.youTubeCalls.created.length === 1");

        await SelectAsync(Page, "Middle fusion");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Annotate", Exact = true }).ClickAsync();
        await Expect(Page.GetByLabel("Time in the lecture")).ToHaveValueAsync("");
        await Page.GetByLabel("Your annotation").FillAsync("Said before pressing play.");
        await Page.Locator("[data-composer] button[type=submit]").ClickAsync();

        var item = Page.Locator(".annotation", new() { HasText = "Said before pressing play." });
        await Expect(item).ToBeVisibleAsync();
        await Expect(item.Locator("a.timestamp")).ToHaveCountAsync(0);
        await Expect(Page.Locator("[data-timeline] .timeline-marker[data-kind=annotation] a[data-seconds='0']")).ToHaveCountAsync(0);
    });

    [Fact]
    public Task TheAnnotationAndCommentFormsOfferWhoMaySeeInTheSameOrder() => JourneyAsync(nameof(TheAnnotationAndCommentFormsOfferWhoMaySeeInTheSameOrder), async () =>
    {
        await App.CreateUserAsync("chooser@example.org");
        await SignInAsync(Page, "chooser@example.org");
        await Page.GotoAsync(Lecture);

        await SelectAsync(Page, "Middle fusion");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Annotate", Exact = true }).ClickAsync();

        // The composer comes over the circuit a moment after the click.
        await Expect(Page.Locator("[data-composer] select option")).ToHaveTextAsync(["Only me", "Members", "Everyone"]);
        await Expect(Page.Locator("#new-comment-visibility option")).ToHaveTextAsync(["Only me", "Members", "Everyone"]);
        await Expect(Page.Locator("[data-composer] select")).ToHaveValueAsync("Members");
        await Expect(Page.Locator("#new-comment-visibility")).ToHaveValueAsync("Members");
    });

    /// The panel's connection to the server drops with a comment half written: the page rejoins its circuit, the draft is
    /// still there, and it is posted once.
    [Fact]
    public Task ACommentWrittenAcrossALostConnectionIsKeptAndPostedOnce() => JourneyAsync(nameof(ACommentWrittenAcrossALostConnectionIsKeptAndPostedOnce), async () =>
    {
        await App.CreateUserAsync("unlucky@example.org");
        await SignInAsync(Page, "unlucky@example.org");
        var connections = new List<IWebSocketRoute>();
        var rejoined = new TaskCompletionSource();
        await Page.RouteWebSocketAsync(new Regex("/_blazor"), circuit =>
        {
            connections.Add(circuit);
            circuit.ConnectToServer();
            if (connections.Count == 2)
            {
                rejoined.SetResult();
            }
        });
        await Page.GotoAsync(Lecture);
        await WaitForTheDiscussionAsync(Page);
        await Page.Locator("#new-comment").FillAsync("Asked once, over a bad connection.");

        await connections[0].CloseAsync();
        await rejoined.Task.WaitAsync(TimeSpan.FromSeconds(30));
        await Expect(Page.Locator("#components-reconnect-modal")).ToBeHiddenAsync();
        await Expect(Page.Locator("#new-comment")).ToHaveValueAsync("Asked once, over a bad connection.");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Comment", Exact = true }).ClickAsync();

        await Expect(Page.Locator("[data-discussion-status]")).ToHaveTextAsync("Comment posted.");
        await Page.ReloadAsync();
        await Expect(Page.Locator("[data-comments] li", new() { HasText = "Asked once, over a bad connection." })).ToHaveCountAsync(1);
    });

    /// When the server no longer has the circuit (an instance restarted, or it was away too long), the page reloads:
    /// what was half written comes back from the tab, the composer with its passage, and is gone once it is sent.
    [Fact]
    public Task AnAnnotationHalfWrittenWhenTheCircuitWasLostComesBackAfterTheReload() => JourneyAsync(nameof(AnAnnotationHalfWrittenWhenTheCircuitWasLostComesBackAfterTheReload), async () =>
    {
        await App.CreateUserAsync("reloaded@example.org");
        await SignInAsync(Page, "reloaded@example.org");
        await Page.GotoAsync(Lecture);
        await SelectAsync(Page, "Middle fusion");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Annotate", Exact = true }).ClickAsync();
        await Page.GetByLabel("Your annotation").FillAsync("Half an annotation, then the circuit went.");
        await Page.Locator("#new-comment").FillAsync("And half a comment.");
        // Each keystroke reaches the tab's storage by way of the circuit; a reload in the same instant would lose the last.
        await Page.WaitForFunctionAsync("() => Object.values(sessionStorage).some(kept => kept.includes('And half a comment.'))");

        await Page.ReloadAsync();

        await WaitForTheDiscussionAsync(Page);
        await Expect(Page.Locator("[data-composer] .annotation-quote")).ToHaveTextAsync("Middle fusion");
        await Expect(Page.GetByLabel("Your annotation")).ToHaveValueAsync("Half an annotation, then the circuit went.");
        await Expect(Page.Locator("#new-comment")).ToHaveValueAsync("And half a comment.");
        await Page.Locator("[data-composer] button[type=submit]").ClickAsync();
        await Expect(Page.Locator(".annotation", new() { HasText = "Half an annotation, then the circuit went." })).ToBeVisibleAsync();
        // The composer closes only once the tab has forgotten its draft; the annotation may show a moment before.
        await Expect(Page.Locator("[data-composer]")).ToHaveCountAsync(0);
        await Page.ReloadAsync();
        await WaitForTheDiscussionAsync(Page);
        await Expect(Page.Locator("#new-comment")).ToHaveValueAsync("And half a comment.");
        await Expect(Page.Locator("[data-composer]")).ToHaveCountAsync(0);
    });

    /// Another reader's annotation of the very passage a reader is selecting arrives mid-selection: the page paints its
    /// highlight around the selection and keeps it, and the passage can still be annotated.
    [Fact]
    public Task ASelectionKeepsWhenAnotherReadersHighlightIsPaintedOverIt() => JourneyAsync(nameof(ASelectionKeepsWhenAnotherReadersHighlightIsPaintedOverIt), async () =>
    {
        await App.CreateUserAsync("selecting@example.org");
        await App.CreateUserAsync("quicker@example.org");
        await SignInAsync(Page, "selecting@example.org");
        await Page.GotoAsync(Lecture);
        await WaitForTheDiscussionAsync(Page);
        const string passage = "Treat them separately";
        Assert.True(await Page.EvaluateAsync<bool>("""
            text => {
              const walker = document.createTreeWalker(document.querySelector(".note-body"), NodeFilter.SHOW_TEXT);
              for (let node = walker.nextNode(); node; node = walker.nextNode()) {
                const at = node.nodeValue.indexOf(text);
                if (at >= 0) {
                  getSelection().setBaseAndExtent(node, at + text.length, node, at);
                  return true;
                }
              }
              return false;
            }
            """, passage));

        using var quicker = await ClusterJourneyTests.SignedInAsync("quicker@example.org", BaseAddress);
        var slug = await Page.Locator("[data-discussion]").GetAttributeAsync("data-discussion");
        using var posted = await quicker.PostAsJsonAsync($"/api/notes/{slug}/annotations", new NewAnnotation(passage, "Got there first.", "Members", null));
        var id = (await posted.EnsureSuccessStatusCode().Content.ReadFromJsonAsync<AnnotationView>())!.Id;
        await Expect(Page.Locator($"mark.annotation-highlight[data-annotation='{id}']")).ToHaveTextAsync(passage);

        Assert.Equal(passage, await Page.EvaluateAsync<string>("() => getSelection().toString()"));
        await Page.EvaluateAsync("() => document.dispatchEvent(new MouseEvent('mouseup', { bubbles: true }))");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Annotate", Exact = true }).ClickAsync();
        await Expect(Page.Locator("[data-composer] .annotation-quote")).ToHaveTextAsync(passage);
    });

    /// What a circuit takes from the page in one message is bounded (32 KB): a passage near the end of a long note, or
    /// a selection of most of it, must still reach the composer, which then says what it accepts.
    [Fact]
    public Task APassageAtTheEndOfALongNoteAndAHugeSelectionCanBeAnnotated() => JourneyAsync(nameof(APassageAtTheEndOfALongNoteAndAHugeSelectionCanBeAnnotated), async () =>
    {
        var paragraphs = string.Join("\n\n", Enumerable.Range(1, 600).Select(i => $"Paragraph {i} says something about attention heads and their many uses."));
        using var vault = new TempVault("long").Write("Long.md", $"# Long\n\n{paragraphs}\n\nThe very last words.");
        await App.ImportVaultAsync(vault.Root);
        await App.CreateUserAsync("long@example.org");
        await SignInAsync(Page, "long@example.org");
        await Page.GotoAsync("/notes/long/long");

        await SelectAsync(Page, "The very last words.");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Annotate", Exact = true }).ClickAsync();
        await Expect(Page.Locator("[data-composer] .annotation-quote")).ToHaveTextAsync("The very last words.");
        await Page.GetByLabel("Your annotation").FillAsync("Reached the end.");
        await Page.Locator("[data-composer] button[type=submit]").ClickAsync();
        await Expect(Page.Locator(".annotation", new() { HasText = "Reached the end." })).ToBeVisibleAsync();
        await Expect(Page.Locator("[data-composer]")).ToHaveCountAsync(0);

        await Page.EvaluateAsync("() => getSelection().selectAllChildren(document.querySelector('.note-body'))");
        await Page.EvaluateAsync("() => document.dispatchEvent(new MouseEvent('mouseup', { bubbles: true }))");
        await Page.Locator(".annotate-button").ClickAsync();
        await Page.GetByLabel("Your annotation").FillAsync("All of it.");
        await Page.Locator("[data-composer] button[type=submit]").ClickAsync();
        await Expect(Page.Locator("[data-composer] .form-error")).ToContainTextAsync("2000");
        await Expect(Page.Locator("#components-reconnect-modal")).ToBeHiddenAsync();
    });

    [Fact]
    public Task AnonymousReadersSeePublicAnnotationsButNoComposer() => JourneyAsync(nameof(AnonymousReadersSeePublicAnnotationsButNoComposer), async () =>
    {
        await App.CreateUserAsync("public@example.org");
        var browser = await Browser.GetAsync();
        await using (var authorContext = await browser.NewContextAsync(new() { BaseURL = BaseAddress.ToString() }))
        {
            var author = await authorContext.NewPageAsync();
            await SignInAsync(author, "public@example.org");
            await author.GotoAsync(Lecture);
            await SelectAsync(author, "Early/Mid fusion");
            await author.GetByRole(AriaRole.Button, new() { Name = "Annotate", Exact = true }).ClickAsync();
            await author.GetByLabel("Your annotation").FillAsync("For everyone to see.");
            await author.Locator("[data-composer] select").SelectOptionAsync("Public");
            await author.Locator("[data-composer] button[type=submit]").ClickAsync();
            await Expect(author.Locator("mark.annotation-highlight", new() { HasText = "Early/Mid fusion" })).ToBeVisibleAsync();
        }

        await Page.GotoAsync(Lecture);

        await Expect(Page.Locator(".annotation", new() { HasText = "For everyone to see." })).ToBeVisibleAsync();
        await Expect(Page.Locator("mark.annotation-highlight", new() { HasText = "Early/Mid fusion" })).ToHaveTextAsync("Early/Mid fusion");
        await SelectAsync(Page, "Middle fusion");
        await Expect(Page.GetByRole(AriaRole.Button, new() { Name = "Annotate", Exact = true })).ToHaveCountAsync(0);
        await Expect(Page.Locator(".discussion").GetByRole(AriaRole.Link, new() { Name = "Sign in" })).ToBeVisibleAsync();
    });

    /// A visitor's page has no circuit: a public annotation posted meanwhile reaches it through the event stream.
    [Fact]
    public Task AVisitorSeesAPublicAnnotationPostedWhileReadingWithoutReloading() => JourneyAsync(nameof(AVisitorSeesAPublicAnnotationPostedWhileReadingWithoutReloading), async () =>
    {
        await App.CreateUserAsync("announcer@example.org");
        await Page.GotoAsync(Lecture);
        await WaitForTheDiscussionAsync(Page);
        await Page.EvaluateAsync("() => window.loadedOnce = true");

        var browser = await Browser.GetAsync();
        await using var authorContext = await browser.NewContextAsync(new() { BaseURL = BaseAddress.ToString() });
        var author = await authorContext.NewPageAsync();
        await SignInAsync(author, "announcer@example.org");
        await author.GotoAsync(Lecture);
        await SelectAsync(author, "Why does MultiModality matter?");
        await author.GetByRole(AriaRole.Button, new() { Name = "Annotate", Exact = true }).ClickAsync();
        await author.GetByLabel("Your annotation").FillAsync("Announced to visitors.");
        await author.Locator("[data-composer] select").SelectOptionAsync("Public");
        await author.Locator("[data-composer] button[type=submit]").ClickAsync();

        await Expect(Page.Locator(".annotation", new() { HasText = "Announced to visitors." })).ToBeVisibleAsync(new() { Timeout = 5_000 });
        await Expect(Page.Locator("mark.annotation-highlight", new() { HasText = "Why does MultiModality matter?" })).ToBeVisibleAsync();
        Assert.True(await Page.EvaluateAsync<bool>("() => window.loadedOnce === true"), "The visitor's page reloaded instead of updating live.");
    });

    [Fact]
    public Task AfterAReimportMovedPassagesStayHighlightedAndDeletedOnesAreListedWithTheirQuote() =>
        JourneyAsync(nameof(AfterAReimportMovedPassagesStayHighlightedAndDeletedOnesAreListedWithTheirQuote), async () =>
    {
        using var vault = new TempVault("reimported").Write("Fusion.md",
            "# Fusion\n\nLate fusion combines just the scores of each model.\n\nEarly fusion mixes the inputs at the very start.\n");
        await App.ImportVaultAsync(vault.Root);
        await App.CreateUserAsync("reader@example.org");
        await SignInAsync(Page, "reader@example.org");
        await Page.GotoAsync("/notes/reimported/fusion");
        foreach (var (passage, comment) in new[] { ("combines just the scores", "Kept, then moved."), ("mixes the inputs", "Deleted later.") })
        {
            await SelectAsync(Page, passage);
            await Page.GetByRole(AriaRole.Button, new() { Name = "Annotate", Exact = true }).ClickAsync();
            await Page.GetByLabel("Your annotation").FillAsync(comment);
            await Page.Locator("[data-composer] button[type=submit]").ClickAsync();
            await Expect(Page.Locator("mark.annotation-highlight", new() { HasText = passage })).ToBeVisibleAsync();
        }

        vault.Write("Fusion.md", "# Fusion\n\nA new first line. Late fusion combines just the scores of each model.\n");
        await App.ImportVaultAsync(vault.Root);
        await Page.ReloadAsync();

        await Expect(Page.Locator("mark.annotation-highlight")).ToHaveTextAsync("combines just the scores");
        var moved = Page.Locator("[data-annotations] .annotation", new() { HasText = "Kept, then moved." });
        await Expect(moved.Locator(".discussion-badge", new() { HasText = "moved" })).ToBeVisibleAsync();
        var orphan = Page.Locator("[data-orphans] .annotation", new() { HasText = "Deleted later." });
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "No longer in the note" })).ToBeVisibleAsync();
        await Expect(orphan.Locator(".annotation-quote")).ToHaveTextAsync("mixes the inputs");
    });

    /// The server places every annotation and the page paints where it says: words edited inside the quote are painted
    /// as they now read (after a formula KaTeX drew, which the page counts as the note's text does), and a short
    /// quote replaced in a sentence that stayed is listed as no longer in the note, painted on none of the new words.
    [Fact]
    public Task ThePagePaintsWhereTheServerPlacedEachAnnotation() => JourneyAsync(nameof(ThePagePaintsWhereTheServerPlacedEachAnnotation), async () =>
    {
        using var vault = new TempVault("placed").Write("Placed.md",
            "# Placed\n\nWith $x^2$ in front, late fusion combines just the scores of each model.\n\nEarly fusion mixes the inputs, as in CLIP.\n");
        await App.ImportVaultAsync(vault.Root);
        await App.CreateUserAsync("painter@example.org");
        await SignInAsync(Page, "painter@example.org");
        await Page.GotoAsync("/notes/placed/placed");
        await Expect(Page.Locator(".note-body .katex")).ToHaveCountAsync(1);
        foreach (var (passage, comment) in new[] { ("combines just the scores", "Edited inside."), ("CLIP", "Replaced.") })
        {
            await SelectAsync(Page, passage);
            await Page.GetByRole(AriaRole.Button, new() { Name = "Annotate", Exact = true }).ClickAsync();
            await Page.GetByLabel("Your annotation").FillAsync(comment);
            await Page.Locator("[data-composer] button[type=submit]").ClickAsync();
            await Expect(Page.Locator("mark.annotation-highlight", new() { HasText = passage })).ToHaveTextAsync(passage);
        }

        vault.Write("Placed.md", "# Placed\n\nWith $x^2$ in front, late fusion merges just the scores of each model.\n\nEarly fusion mixes the inputs, as in ALBEF.\n");
        await App.ImportVaultAsync(vault.Root);
        await Page.ReloadAsync();

        var edited = Page.Locator("[data-annotations] .annotation", new() { HasText = "Edited inside." });
        await Expect(edited.Locator(".discussion-badge", new() { HasText = "moved" })).ToBeVisibleAsync();
        var id = await edited.GetAttributeAsync("data-item");
        await Expect(Page.Locator($"mark.annotation-highlight[data-annotation='{id}']")).ToHaveTextAsync("merges just the scores");
        var orphan = Page.Locator("[data-orphans] .annotation", new() { HasText = "Replaced." });
        await Expect(orphan.Locator(".annotation-quote")).ToHaveTextAsync("CLIP");
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "No longer in the note" })).ToBeVisibleAsync();
        await Expect(Page.Locator("mark.annotation-highlight")).ToHaveCountAsync(1);
    });

    [Fact]
    public Task DiscussionDatesReadLikeThePagesRelativeWhenRecent() => JourneyAsync(nameof(DiscussionDatesReadLikeThePagesRelativeWhenRecent), async () =>
    {
        await App.CreateUserAsync("dated@example.org");
        await SignInAsync(Page, "dated@example.org");
        await Page.GotoAsync(Lecture);
        await Page.GetByLabel("Comment on this note").FillAsync("Written a moment ago.");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Comment", Exact = true }).ClickAsync();

        var written = Page.Locator(".comment", new() { HasText = "Written a moment ago." }).Locator(".discussion-meta time");
        await Expect(written).ToHaveTextAsync("just now");
        await Expect(written).ToHaveAttributeAsync("title", ExactTime());
        // The sample vault was imported when this suite started.
        var updated = Page.Locator(".note-meta time");
        await Expect(updated).ToHaveTextAsync(new Regex(@"^(just now|\d+ (minute|hour)s? ago)$"));
        await Expect(updated).ToHaveAttributeAsync("title", ExactTime());

        var contexts = App.Services.GetRequiredService<IDbContextFactory<StudyHubDbContext>>();
        foreach (var (at, reads) in new[] { (DateTimeOffset.UtcNow.AddDays(-1), "yesterday"), (new DateTimeOffset(2026, 3, 14, 12, 0, 0, TimeSpan.Zero), "14 Mar 2026") })
        {
            await using (var db = await contexts.CreateDbContextAsync())
            {
                await db.Comments.Where(c => c.Body == "Written a moment ago.")
                    .ExecuteUpdateAsync(s => s.SetProperty(c => c.CreatedAt, at).SetProperty(c => c.UpdatedAt, at));
            }
            await Page.ReloadAsync();
            await Expect(written).ToHaveTextAsync(reads);
            await Expect(written).ToHaveAttributeAsync("datetime", new Regex($"^{at.UtcDateTime:yyyy-MM-dd}T"));
        }
    });

    /// The exact moment in an element's title: "4 Dec 2026, 15:28" and the time zone.
    [GeneratedRegex(@"^\d{1,2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4}, \d{2}:\d{2} \S+$")]
    private static partial Regex ExactTime();

    static async Task UseYouTubeStandInAsync(IPage page) =>
        await page.RouteAsync(YouTubeStandIn.ApiUrl, route => route.FulfillAsync(new() { ContentType = "text/javascript", Body = YouTubeStandIn.Script }));

    internal static async Task SignInAsync(IPage page, string email)
    {
        await page.GotoAsync("/account/login");
        await page.Locator("#login-email").FillAsync(email);
        await page.Locator("#login-password").FillAsync(StudyHubApp.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Sign out" })).ToBeVisibleAsync();
    }

    /// A signed-in reader's panel listens for selections once its circuit is up; a visitor's has painted its highlights.
    /// A circuit's start waited more than the usual 15 s in a CI run whose other tests kept both cores busy (7 Dec 2026).
    internal static async Task WaitForTheDiscussionAsync(IPage page)
    {
        try
        {
            await page.WaitForFunctionAsync(
                "() => document.querySelector('[data-discussion][data-annotating], [data-discussion][data-static][data-shown]') !== null",
                null, new() { Timeout = 45_000 });
        }
        catch (TimeoutException)
        {
            // Whether the circuit drew the panel (data-live) tells a circuit that never rendered from one whose script failed.
            var panel = await page.EvaluateAsync<string?>("() => document.querySelector('[data-discussion]')?.outerHTML.split('>')[0]");
            throw new TimeoutException($"The discussion panel was not ready in 45 s; it is: {panel ?? "missing"}");
        }
    }

    /// Selects the text in the note as a reader dragging over it would, ending with the mouse released.
    internal static async Task SelectAsync(IPage page, string text)
    {
        await WaitForTheDiscussionAsync(page);
        var found = await page.EvaluateAsync<bool>("""
            text => {
              const walker = document.createTreeWalker(document.querySelector(".note-body"), NodeFilter.SHOW_TEXT);
              for (let node = walker.nextNode(); node; node = walker.nextNode()) {
                const at = node.nodeValue.indexOf(text);
                if (at >= 0) {
                  const range = document.createRange();
                  range.setStart(node, at);
                  range.setEnd(node, at + text.length);
                  document.getSelection().removeAllRanges();
                  document.getSelection().addRange(range);
                  document.dispatchEvent(new MouseEvent("mouseup", { bubbles: true }));
                  return true;
                }
              }
              return false;
            }
            """, text);
        Assert.True(found, $"The note has no text \"{text}\" to select.");
    }

    [GeneratedRegex(@"/notes/cs224n/lectures/multimodal-deep-learning\?t=1680#annotation-[0-9a-f-]{36}$")]
    private static partial Regex SharedLinkTarget();
}
