using Microsoft.AspNetCore.Components;
using StudyHub.Web.Features.Annotations;

namespace StudyHub.Components.Tests.Annotations;

public class DiscussionContentTests : BunitContext
{
    static readonly DateTimeOffset Written = new(2026, 12, 1, 10, 0, 0, TimeSpan.Zero);
    static readonly Reader Author = new("author", Member: true, Moderates: false);
    static readonly Reader Classmate = new("classmate", Member: true, Moderates: false);
    static readonly Reader Moderator = new("moderator", Member: true, Moderates: true);

    public DiscussionContentTests()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
    }

    static AnnotationView Annotation(Reader reader, string quote = "Late fusion", string status = "Anchored", Highlight? highlight = null,
        bool hidden = false, IReadOnlyList<CommentView>? replies = null) =>
        DiscussionViews.View(new Annotation
        {
            Id = Guid.NewGuid(), AuthorId = "author", Quote = quote, Body = "Why *late*?", Status = Enum.Parse<AnchorStatus>(status),
            Start = 0, Length = status == "Orphaned" ? 0 : quote.Length, Visibility = AnnotationVisibility.Members, CreatedAt = Written, UpdatedAt = Written,
            HiddenAt = hidden ? Written : null,
        }, "Ada", reader, replies ?? [], quote) with { Highlight = status == "Orphaned" ? null : highlight ?? new Highlight(0, quote.Length - 1, quote) };

    static CommentView Comment(Reader reader, bool hidden = false) =>
        DiscussionViews.View(new Comment { Id = Guid.NewGuid(), AuthorId = "author", Body = "A comment.", CreatedAt = Written, UpdatedAt = Written, HiddenAt = hidden ? Written : null },
            "Ada", reader);

    IRenderedComponent<DiscussionContent> Panel(Reader reader, IReadOnlyList<AnnotationView> annotations, IReadOnlyList<CommentView>? comments = null,
        IDiscussionCommands? commands = null, Passage? composing = null, bool lecture = false, Drafts? drafts = null) =>
        Render<DiscussionContent>(p => p
            .Add(x => x.Drafts, drafts)
            .Add(x => x.Annotations, annotations)
            .Add(x => x.Comments, comments ?? [])
            .Add(x => x.Reader, reader)
            .Add(x => x.Href, "/notes/cs224n/lectures/fusion")
            .Add(x => x.Lecture, lecture)
            .Add(x => x.Commands, commands ?? new Answering(new Dictionary<string, string[]>()))
            .Add(x => x.Composing, composing));

    /// An annotation on what was said at 0:05 of the first recording, as DiscussionViews makes it.
    static AnnotationView OnCue(Reader reader, string said, string status = "Anchored") =>
        DiscussionViews.View(new Annotation
        {
            Id = Guid.NewGuid(), AuthorId = "author", Quote = said, Body = "Which sugar?", Status = Enum.Parse<AnchorStatus>(status),
            CueRecording = 0, MediaSeconds = 5, Visibility = AnnotationVisibility.Members, CreatedAt = Written, UpdatedAt = Written,
        }, "Ada", reader, [], "The note's own text, which does not hold what was said.");

    static string[] Buttons(IRenderedComponent<DiscussionContent> panel, string item) =>
        [.. panel.Find(item).QuerySelectorAll(".discussion-actions > button").Select(b => b.TextContent)];

    [Fact]
    public void AnEmptyDiscussionSaysSoAndOffersTheCommentForm()
    {
        var panel = Panel(Author, []);

        Assert.Equal("No annotations yet.", panel.Find("[data-no-annotations]").TextContent);
        Assert.Equal("No comments yet.", panel.Find("[data-no-comments]").TextContent);
        Assert.Empty(panel.FindAll("[data-orphans-section]"));
        Assert.Equal(["Only me", "Members", "Everyone"], panel.FindAll("#new-comment-visibility option").Select(o => o.TextContent));
    }

    [Fact]
    public void AVisitorSeesTheDiscussionWithNothingToPressOrFill()
    {
        var annotation = Annotation(Reader.Nobody, replies: [Comment(Reader.Nobody)]);
        var panel = Render<DiscussionContent>(p => p
            .Add(x => x.Annotations, [annotation]).Add(x => x.Comments, [Comment(Reader.Nobody)])
            .Add(x => x.Reader, Reader.Nobody).Add(x => x.Href, "/notes/n"));

        Assert.Equal("Late fusion", panel.Find(".annotation-quote a").TextContent);
        panel.Find(".annotation .discussion-text").MarkupMatches("<div class=\"discussion-text\"><p>Why <em>late</em>?</p></div>");
        Assert.Empty(panel.FindAll("button"));
        Assert.Empty(panel.FindAll("form"));
    }

    [Fact]
    public void TheAuthorMayEditResolveAndDeleteButNotHide()
    {
        var panel = Panel(Author, [Annotation(Author)]);

        Assert.Equal(["Reply", "Copy link", "Edit", "Resolve", "Delete"], Buttons(panel, ".annotation"));
    }

    [Fact]
    public void AClassmateMayOnlyReplyAndCopyTheLink()
    {
        var panel = Panel(Classmate, [Annotation(Classmate)], [Comment(Classmate)]);

        Assert.Equal(["Reply", "Copy link"], Buttons(panel, ".annotation"));
        Assert.Empty(Buttons(panel, "[data-comments] .comment"));
    }

    [Fact]
    public void OnlyModeratorsAreOfferedToHideAndUnhide()
    {
        var panel = Panel(Moderator, [Annotation(Moderator, hidden: true)], [Comment(Moderator)]);

        Assert.Equal(["Reply", "Copy link", "Resolve", "Unhide", "Delete"], Buttons(panel, ".annotation"));
        Assert.Equal(["Hide", "Delete"], Buttons(panel, "[data-comments] .comment"));
        Assert.Contains("hidden", panel.Find(".annotation .discussion-meta").TextContent);
    }

    [Fact]
    public void AnnotationsWhosePassageWentAreListedApartWithTheirQuoteAndNoPlaceToPaint()
    {
        var panel = Panel(Classmate, [Annotation(Classmate, "kept"), Annotation(Classmate, "edited away", status: "Orphaned")]);

        Assert.Equal(["kept"], panel.FindAll("[data-annotations] .annotation-quote").Select(q => q.TextContent));
        Assert.Equal("No longer in the note", panel.Find("[data-orphans-section] h3").TextContent);
        var orphan = panel.Find("[data-orphans] .annotation");
        Assert.Equal("edited away", orphan.QuerySelector(".annotation-quote")!.TextContent);
        Assert.False(orphan.HasAttribute("data-highlight-from"));
        Assert.Equal("0", panel.Find("[data-annotations] .annotation").GetAttribute("data-highlight-from"));
    }

    [Fact]
    public void AnAnnotationOnWhatWasSaidShowsItsMomentAndIsNeverPaintedOnTheNote()
    {
        var panel = Panel(Classmate, [OnCue(Classmate, "Fermentation turns sugar into alcohol.")], lecture: true);

        var item = panel.Find("[data-annotations] .annotation");
        Assert.Equal("Fermentation turns sugar into alcohol.", item.QuerySelector(".annotation-quote")!.TextContent);
        Assert.Equal("0:05", item.QuerySelector(".discussion-meta a.timestamp")!.TextContent);
        var moment = panel.Find("[data-timeline-markers] > .timeline-marker");
        Assert.Equal(("annotation", "5", "0:05"), (moment.GetAttribute("data-kind"), moment.QuerySelector("a")!.GetAttribute("data-seconds"), moment.QuerySelector("time")!.TextContent));
        Assert.Contains("said", item.QuerySelectorAll(".discussion-badge").Select(b => b.TextContent));
        Assert.False(item.HasAttribute("data-highlight-from"));
    }

    [Fact]
    public void AnAnnotationWhoseWordsLeftTheTranscriptIsNoLongerInTheTranscriptNotTheNote()
    {
        var panel = Panel(Classmate, [OnCue(Classmate, "Words no longer said.", status: "Orphaned"), Annotation(Classmate, "edited away", status: "Orphaned")]);

        Assert.Equal("No longer in the transcript", panel.Find("[data-cue-orphans-section] h3").TextContent);
        Assert.Equal(["Words no longer said."], panel.FindAll("[data-cue-orphans] .annotation-quote").Select(q => q.TextContent));
        Assert.Equal(["edited away"], panel.FindAll("[data-orphans] .annotation-quote").Select(q => q.TextContent));
    }

    [Fact]
    public void ComposingOnACueSaysItsMomentAndAsksNoTime()
    {
        var cue = Panel(Author, [], composing: new Passage("Fermentation turns sugar into alcohol.", "", "", null, null, new CueAt(0, 5500)), lecture: true);
        var passage = Panel(Author, [], composing: new Passage("Late fusion", "", "", null, 12), lecture: true);

        Assert.Equal("Said at 0:05 in the recording.", cue.Find("[data-composer] .discussion-hint").TextContent);
        Assert.Empty(cue.FindAll("[data-composer] input[name=time]"));
        Assert.Equal("0:12", passage.Find("[data-composer] input[name=time]").GetAttribute("value"));
    }

    [Fact]
    public void ARefusedAnnotationSaysWhatTheRulesAcceptAndKeepsWhatWasWritten()
    {
        var problems = new Problems().Body(new string('x', DiscussionLimits.Body + 1));
        var panel = Panel(Author, [], commands: new Answering(problems), composing: new Passage("Late fusion", "", "", null, null));

        panel.Find("[data-composer] textarea").Input(new string('x', DiscussionLimits.Body + 1));
        panel.Find("[data-composer] form").Submit();

        Assert.Equal($"Write 1 to {DiscussionLimits.Body} characters.", panel.Find("[data-composer] .form-error").TextContent);
        Assert.Equal(DiscussionLimits.Body + 1, panel.Find("[data-composer] textarea").GetAttribute("value")!.Length);
    }

    [Fact]
    public void ATimeThatIsNotOneIsRefusedInWords()
    {
        Assert.Equal(["Write the time as mm:ss, h:mm:ss or seconds."], new Problems().Time("half past", out _)["mediaSeconds"]);
        Assert.Empty(new Problems().Time("28:00", out var seconds));
        Assert.Equal(1680, seconds);
    }

    [Fact]
    public void AReplyFormStaysOpenWithItsTextWhenTheDiscussionIsDrawnAgain()
    {
        var annotation = Annotation(Classmate);
        var panel = Panel(Classmate, [annotation]);
        panel.Find(".annotation .discussion-actions button").Click();
        panel.Find($"form[data-form='reply:{annotation.Id}'] textarea").Input("Half written.");

        panel.Render(p => p.Add(x => x.Annotations, [annotation, Annotation(Classmate, "another passage")]));

        Assert.Equal("Half written.", panel.Find($"form[data-form='reply:{annotation.Id}'] textarea").GetAttribute("value"));
        Assert.Equal(2, panel.FindAll("[data-annotations] .annotation").Count);
    }

    [Fact]
    public void APostedCommentIsAnnouncedAndTheFormEmptied()
    {
        var commands = new Answering(new Dictionary<string, string[]>());
        var panel = Panel(Author, [], commands: commands);

        panel.Find("#new-comment").Input("Posted.");
        panel.Find("[data-comment-form]").Submit();

        Assert.Equal("Posted.", Assert.Single(commands.Posts).Body);
        Assert.Equal("Comment posted.", panel.Find("[data-discussion-status]").TextContent);
        Assert.Equal("", panel.Find("#new-comment").GetAttribute("value") ?? "");
    }

    /// Answers every command with the same problems, and keeps the posts it was sent.
    const string DraftsKey = "studyhub:drafts:classmate:fusion";

    /// What the tab's sessionStorage holds under the reader's drafts for the note, as the panel last wrote it.
    string? Stored() => JSInterop.Invocations.Where(i => i.Identifier is "sessionStorage.setItem" or "sessionStorage.removeItem" && Equals(i.Arguments[0], DraftsKey))
        .Select(i => i.Identifier == "sessionStorage.setItem" ? (string?)i.Arguments[1] : null).LastOrDefault();

    [Fact]
    public async Task WhatIsTypedIsKeptInTheTabUntilItIsSent()
    {
        var annotation = Annotation(Classmate);
        var panel = Panel(Classmate, [annotation], drafts: await Drafts.LoadAsync(JSInterop.JSRuntime, "classmate", "fusion"));
        panel.Find(".annotation .discussion-actions button").Click();

        panel.Find($"form[data-form='reply:{annotation.Id}'] textarea").Input("Half written.");
        panel.Find("#new-comment").Input("A comment on its way.");

        Assert.Contains("Half written.", Stored());
        Assert.Contains("A comment on its way.", Stored());
        panel.Find($"form[data-form='reply:{annotation.Id}']").Submit();
        panel.Find("[data-comment-form]").Submit();
        Assert.Null(Stored());
    }

    [Fact]
    public async Task APanelDrawnAgainAfterItsCircuitWasLostReopensTheFormsWithWhatWasWritten()
    {
        var annotation = Annotation(Classmate);
        var passage = new Passage("Late fusion", "before ", " after", "Fusion", 1680);
        var before = await Drafts.LoadAsync(JSInterop.JSRuntime, "classmate", "fusion");
        await before.KeepAsync(passage);
        await before.KeepAsync(Drafts.Composer, new Post("Why late?", "Public", "28:00"));
        await before.KeepAsync($"reply:{annotation.Id}", new Post("Half written."));
        await before.KeepAsync(Drafts.Comment, new Post("A comment on its way.", "Public"));
        JSInterop.Setup<string?>("sessionStorage.getItem", DraftsKey).SetResult(Stored());

        var drafts = await Drafts.LoadAsync(JSInterop.JSRuntime, "classmate", "fusion");
        var panel = Panel(Classmate, [annotation], composing: drafts.Of(Drafts.Composer)?.Passage, lecture: true, drafts: drafts);

        Assert.Equal("Late fusion", panel.Find("[data-composer] .annotation-quote").TextContent);
        Assert.Equal("Why late?", panel.Find("[data-composer] textarea").GetAttribute("value"));
        Assert.Equal("28:00", panel.Find("[data-composer] input[name=time]").GetAttribute("value"));
        Assert.Equal("Half written.", panel.Find($"form[data-form='reply:{annotation.Id}'] textarea").GetAttribute("value"));
        Assert.Equal("A comment on its way.", panel.Find("#new-comment").GetAttribute("value"));
    }

    [Fact]
    public async Task StorageThatHoldsSomethingElseGivesNoDrafts()
    {
        JSInterop.Setup<string?>("sessionStorage.getItem", DraftsKey).SetResult("not json");

        var drafts = await Drafts.LoadAsync(JSInterop.JSRuntime, "classmate", "fusion");

        Assert.Empty(drafts.Forms);
    }

    sealed class Answering(IReadOnlyDictionary<string, string[]> answer) : IDiscussionCommands
    {
        public List<Post> Posts { get; } = [];

        Task<IReadOnlyDictionary<string, string[]>> Answer(Post? post = null)
        {
            if (post is not null)
            {
                Posts.Add(post);
            }
            return Task.FromResult(answer);
        }

        public Task<IReadOnlyDictionary<string, string[]>> AnnotateAsync(Passage passage, Post post) => Answer(post);
        public Task<IReadOnlyDictionary<string, string[]>> ReplyAsync(Guid annotationId, Post post) => Answer(post);
        public Task<IReadOnlyDictionary<string, string[]>> CommentAsync(Post post) => Answer(post);
        public Task<IReadOnlyDictionary<string, string[]>> EditAnnotationAsync(Guid id, Post post) => Answer(post);
        public Task<IReadOnlyDictionary<string, string[]>> EditCommentAsync(Guid id, Post post) => Answer(post);
        public Task<IReadOnlyDictionary<string, string[]>> ChangeAnnotationAsync(Guid id, AnnotationChange change) => Answer();
        public Task<IReadOnlyDictionary<string, string[]>> HideCommentAsync(Guid id, bool hidden) => Answer();
        public Task<IReadOnlyDictionary<string, string[]>> DeleteAsync(Guid id, bool annotation) => Answer();
        public Task<IReadOnlyDictionary<string, string[]>> CopyLinkAsync(Guid annotationId) => Answer();
    }
}
