using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using StudyHub.Web.Features.Annotations;

namespace StudyHub.Web.Tests.Annotations;

/// Visitors all see a note's discussion alike, so it is read once and kept (VisitorDiscussions) until a change is heard.
/// A comment written straight to the database announces nothing: the panel that leaves it out was kept, not read again.
public sealed class VisitorDiscussionTests(DiscussionApp app) : IClassFixture<DiscussionApp>
{
    static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);
    static readonly Uri Panel = DiscussionActions.Api($"notes/{DiscussionApp.Passage}/discussion");

    [Fact]
    public async Task AVisitorsPanelIsKeptUntilAChangeIsHeardFromAnyInstance()
    {
        await using var second = app.AnotherInstance();
        using var author = await second.ClientAsync(DiscussionApp.Email(Caller.Author));
        await app.ListeningAsync(instances: 2);
        var visitor = app.As(Caller.Anonymous);
        await visitor.GetStringAsync(Panel);
        await app.CommentedAsync(Caller.Author, null, AnnotationVisibility.Public, "Written without a word to anyone.");

        Assert.DoesNotContain("Written without a word to anyone.", await visitor.GetStringAsync(Panel), StringComparison.Ordinal);

        using var posted = await author.PostAsJsonAsync(DiscussionActions.Api($"notes/{DiscussionApp.Passage}/comments"),
            new { body = "Posted on the other instance.", visibility = "Public" });
        Assert.Equal(HttpStatusCode.Created, posted.StatusCode);
        var shown = await EventuallyAsync(visitor, panel => panel.Contains("Posted on the other instance.", StringComparison.Ordinal));
        Assert.Contains("Written without a word to anyone.", shown, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WhatOnlyMembersOrItsAuthorMaySeeIsNeverKeptForVisitors()
    {
        await app.ListeningAsync(instances: 1);
        var member = app.As(Caller.Author);
        using var posted = await member.PostAsJsonAsync(DiscussionActions.Api($"notes/{DiscussionApp.Passage}/comments"),
            new { body = "For members only.", visibility = "Members" });
        Assert.Equal(HttpStatusCode.Created, posted.StatusCode);

        Assert.Contains("For members only.", await member.GetStringAsync(Panel), StringComparison.Ordinal);
        Assert.DoesNotContain("For members only.", await app.As(Caller.Anonymous).GetStringAsync(Panel), StringComparison.Ordinal);
        Assert.Contains("For members only.", await member.GetStringAsync(Panel), StringComparison.Ordinal);
    }

    [Fact]
    public async Task KeptPanelsAreCountedAndANoteVisitorsMayNotReadIsNotKept()
    {
        var visitors = app.Services.GetRequiredService<VisitorDiscussions>();
        var before = visitors.Size;

        for (var i = 0; i < 20; i++)
        {
            Assert.Null(await visitors.GetAsync($"no-such-note-{i}", CancellationToken.None));
        }

        Assert.Equal(before, visitors.Size);
        await app.CommentedAsync(Caller.Author, null, AnnotationVisibility.Public, "Counted.", slug: DiscussionApp.Selection);
        Assert.NotNull(await visitors.GetAsync(DiscussionApp.Selection, CancellationToken.None));
        Assert.True(visitors.Size - before >= "Counted.".Length, $"The kept panel counts {visitors.Size - before} characters.");
    }

    static async Task<string> EventuallyAsync(HttpClient visitor, Func<string, bool> shows)
    {
        var deadline = DateTimeOffset.UtcNow + Patience;
        while (true)
        {
            var panel = await visitor.GetStringAsync(Panel);
            if (shows(panel) || DateTimeOffset.UtcNow > deadline)
            {
                Assert.True(shows(panel), $"After {Patience.TotalSeconds} s the visitor's panel still shows:\n{panel}");
                return panel;
            }
            await Task.Delay(100);
        }
    }
}
