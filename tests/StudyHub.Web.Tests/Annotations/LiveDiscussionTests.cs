using System.Net;
using System.Net.Http.Json;
using System.Net.ServerSentEvents;
using System.Text.Json;

namespace StudyHub.Web.Tests.Annotations;

/// Everyone reading a note hears, within a second, that its discussion changed, on whichever instance of the app they
/// are connected to. The waits are longer than a second so that a busy machine does not fail them.
public sealed class LiveDiscussionTests(DiscussionApp app) : IClassFixture<DiscussionApp>
{
    static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    [Theory]
    [InlineData(Act.Annotate)]
    [InlineData(Act.EditBody)]
    [InlineData(Act.Resolve)]
    [InlineData(Act.Hide)]
    [InlineData(Act.Delete)]
    [InlineData(Act.Reply)]
    [InlineData(Act.EditReply)]
    [InlineData(Act.Comment)]
    [InlineData(Act.EditComment)]
    [InlineData(Act.DeleteComment)]
    public async Task ReadersOfTheNoteHearOfEachChange(Act act)
    {
        var id = await app.TargetAsync(act, Target.Public);
        await app.ListeningAsync(instances: 1);
        await using var events = await DiscussionEvents.OpenAsync(app.As(Caller.OtherMember), DiscussionApp.Passage);
        Assert.Equal(DiscussionEvents.Watching, await events.NextAsync(Patience));

        using var response = await app.As(act == Act.Hide ? Caller.Editor : Caller.Author).SendAsync(act, id, Target.Public);

        Assert.True(response.IsSuccessStatusCode, $"{act} answered {(int)response.StatusCode}");
        Assert.Equal(DiscussionEvents.Changed, await events.NextAsync(Patience));
    }

    [Fact]
    public async Task ReadersOnAnotherInstanceHearOfAPostAndSeeIt()
    {
        await using var second = app.AnotherInstance();
        using var reader = await second.ClientAsync(DiscussionApp.Email(Caller.Editor));
        await app.ListeningAsync(instances: 2);
        await using var events = await DiscussionEvents.OpenAsync(reader, DiscussionApp.Passage);
        Assert.Equal(DiscussionEvents.Watching, await events.NextAsync(Patience));

        using var posted = await app.As(Caller.OtherMember).SendAsync(Act.Comment, Guid.Empty, Target.Note);

        Assert.Equal(HttpStatusCode.Created, posted.StatusCode);
        Assert.Equal(DiscussionEvents.Changed, await events.NextAsync(Patience));
        var comment = (await posted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var thread = await reader.GetFromJsonAsync<JsonElement[]>(DiscussionActions.Api($"notes/{DiscussionApp.Passage}/comments"));
        Assert.Contains(thread!, c => c.GetProperty("id").GetGuid() == comment);
    }

    [Fact]
    public async Task TheEventsOfANoteThatDoesNotExistAreNotFound()
    {
        using var response = await app.As(Caller.Anonymous).GetAsync(DiscussionActions.Api("notes/no-such-note/discussion/events"));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}

/// A reader's open stream of a note's discussion events, read as they arrive.
sealed class DiscussionEvents : IAsyncDisposable
{
    /// Every event is a "changed" event: the first, as the stream opens, says "watching", the rest say "changed".
    public static readonly (string Type, string Data) Watching = ("changed", "watching");
    public static readonly (string Type, string Data) Changed = ("changed", "changed");

    readonly HttpResponseMessage _response;
    readonly IAsyncEnumerator<SseItem<string>> _events;

    DiscussionEvents(HttpResponseMessage response, IAsyncEnumerator<SseItem<string>> events) => (_response, _events) = (response, events);

    public static async Task<DiscussionEvents> OpenAsync(HttpClient client, string slug)
    {
        var response = await client.GetAsync(DiscussionActions.Api($"notes/{slug}/discussion/events"), HttpCompletionOption.ResponseHeadersRead);
        response.EnsureSuccessStatusCode();
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        var stream = await response.Content.ReadAsStreamAsync();
        return new DiscussionEvents(response, SseParser.Create(stream).EnumerateAsync().GetAsyncEnumerator());
    }

    /// The next event, which must arrive within the given time.
    public async Task<(string Type, string Data)> NextAsync(TimeSpan within)
    {
        var arrived = await _events.MoveNextAsync().AsTask().WaitAsync(within);
        Assert.True(arrived, "The stream ended.");
        return (_events.Current.EventType, _events.Current.Data);
    }

    public async ValueTask DisposeAsync()
    {
        _response.Dispose();
        try
        {
            await _events.DisposeAsync();
        }
        catch (Exception exception) when (exception is IOException or OperationCanceledException or InvalidOperationException)
        {
            // The stream is already closed under a read that was waiting.
        }
    }
}
