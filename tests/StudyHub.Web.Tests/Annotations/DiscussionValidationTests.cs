using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace StudyHub.Web.Tests.Annotations;

/// What the discussion API refuses whoever asks: requests without the page's antiforgery token, text that is too long or
/// empty, visibilities that do not exist; and how it finds the passage a reader selected on the page.
public sealed partial class DiscussionValidationTests(DiscussionApp app) : IClassFixture<DiscussionApp>
{
    [Theory]
    [InlineData(Act.Annotate)]
    [InlineData(Act.EditBody)]
    [InlineData(Act.Resolve)]
    [InlineData(Act.Delete)]
    [InlineData(Act.Reply)]
    [InlineData(Act.Comment)]
    [InlineData(Act.EditComment)]
    [InlineData(Act.DeleteComment)]
    [InlineData(Act.EditReply)]
    [InlineData(Act.DeleteReply)]
    public async Task WithoutTheAntiforgeryTokenNothingChanges(Act act)
    {
        using var client = await app.ClientAsync(DiscussionApp.Email(Caller.Author), antiforgeryToken: false);
        var id = await app.TargetAsync(act, Target.Members);
        var before = await app.SnapshotAsync(id);

        using var response = await client.SendAsync(act, id, Target.Members);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(before, await app.SnapshotAsync(id));
    }

    [Fact]
    public async Task AnotherReadersAntiforgeryTokenIsRefused()
    {
        using var client = await app.ClientAsync(DiscussionApp.Email(Caller.Author), antiforgeryToken: false);
        // The author's own token cookie is set, but the header carries the other member's token.
        using var ownToken = await client.GetAsync(DiscussionActions.Api("antiforgery"));
        var theirs = await app.As(Caller.OtherMember).GetFromJsonAsync<JsonElement>(DiscussionActions.Api("antiforgery"));
        client.DefaultRequestHeaders.Add(theirs.GetProperty("headerName").GetString()!, theirs.GetProperty("token").GetString());

        using var response = await client.SendAsync(Act.Comment, Guid.Empty, Target.Note);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    /// Payloads are JSON in which "x*N" stands for N x's.
    [Theory]
    [InlineData(Act.Annotate, """{"quote": "Late fusion", "body": "", "visibility": "Members"}""")]
    [InlineData(Act.Annotate, """{"quote": "Late fusion", "body": " \n\t ", "visibility": "Members"}""")]
    [InlineData(Act.Annotate, """{"quote": "Late fusion", "visibility": "Members"}""")]
    [InlineData(Act.Annotate, """{"quote": "Late fusion", "body": "x*10001", "visibility": "Members"}""")]
    [InlineData(Act.Annotate, """{"body": "Why?", "visibility": "Members"}""")]
    [InlineData(Act.Annotate, """{"quote": "", "body": "Why?", "visibility": "Members"}""")]
    [InlineData(Act.Annotate, """{"quote": "x*2001", "body": "Why?", "visibility": "Members"}""")]
    [InlineData(Act.Annotate, """{"quote": "Early fusion", "body": "Why?", "visibility": "Members"}""")]
    [InlineData(Act.Annotate, """{"quote": "Late fusion", "body": "Why?"}""")]
    [InlineData(Act.Annotate, """{"quote": "Late fusion", "body": "Why?", "visibility": "Friends"}""")]
    [InlineData(Act.Annotate, """{"quote": "Late fusion", "body": "Why?", "visibility": "42"}""")]
    [InlineData(Act.Annotate, """{"quote": "Late fusion", "body": "Why?", "visibility": "OnlyMe, Public"}""")]
    [InlineData(Act.Annotate, """{"quote": "Late fusion", "body": "Why?", "visibility": "Members", "mediaSeconds": -1}""")]
    [InlineData(Act.Annotate, """{"quote": "Late fusion", "body": "Why?", "visibility": "Members", "heading": "x*301"}""")]
    [InlineData(Act.Annotate, """{"quote": "Late fusion", "body": "Why?", "visibility": "Members", "start": 2147483647}""")]
    [InlineData(Act.Annotate, """{"quote": "Late fusion", "body": "Why?", "visibility": "Members", "start": 2147483640}""")]
    [InlineData(Act.Annotate, """{"quote": "Late fusion", "body": "Why?", "visibility": "Members", "start": -1}""")]
    [InlineData(Act.Annotate, """{"quote": "Late fusion", "body": "Why?", "visibility": "Members", "mediaSeconds": 2147483647}""")]
    [InlineData(Act.Annotate, """{"quote": "Late fusion", "body": "Why?", "visibility": "Members", "prefix": "x*65"}""")]
    [InlineData(Act.Annotate, """{"quote": "Late fusion", "body": "Why?", "visibility": "Members", "suffix": "x*65"}""")]
    [InlineData(Act.Annotate, """{"quote": "Late fusion", "body": "Why?", "visibility": "Members", "prefix": "x*1000000"}""")]
    [InlineData(Act.EditBody, """{"body": ""}""")]
    [InlineData(Act.EditBody, """{"mediaSeconds": 2147483647}""")]
    [InlineData(Act.EditBody, """{"mediaSeconds": 86401}""")]
    [InlineData(Act.EditBody, """{"body": "x*10001"}""")]
    [InlineData(Act.EditBody, """{"visibility": "Friends"}""")]
    [InlineData(Act.EditBody, """{"visibility": "7"}""")]
    [InlineData(Act.EditBody, """{"mediaSeconds": -5}""")]
    [InlineData(Act.Reply, """{"body": ""}""")]
    [InlineData(Act.Reply, """{}""")]
    [InlineData(Act.Reply, """{"body": "x*10001"}""")]
    [InlineData(Act.Comment, """{"body": " "}""")]
    [InlineData(Act.Comment, """{"body": "x*10001"}""")]
    [InlineData(Act.Comment, """{"body": "Hm.", "visibility": "Friends"}""")]
    [InlineData(Act.Comment, """{"body": "Hm.", "visibility": "-1"}""")]
    [InlineData(Act.EditComment, """{"body": ""}""")]
    [InlineData(Act.EditComment, """{"body": "x*10001"}""")]
    [InlineData(Act.EditReply, """{"body": "x*10001"}""")]
    public async Task WhatIsEmptyTooLongOrUnknownIsRefusedAndNothingChanges(Act act, string payload)
    {
        var id = await app.TargetAsync(act, Target.Members);
        var before = await app.SnapshotAsync(id);

        using var response = await SendJsonAsync(app.As(Caller.Author), act, id, Expand(payload));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(before, await app.SnapshotAsync(id));
    }

    [Theory]
    [InlineData(Act.Annotate, """{"quote": "Late fusion", "body": "x*10000", "visibility": "onlyme", "heading": "x*300", "mediaSeconds": 0}""")]
    [InlineData(Act.Annotate, """{"quote": "Late fusion", "body": "Why?", "visibility": "Members", "prefix": "x*64", "suffix": "x*64", "mediaSeconds": 86400}""")]
    [InlineData(Act.EditBody, """{"body": "x*10000", "visibility": "public"}""")]
    [InlineData(Act.Reply, """{"body": "x*10000"}""")]
    [InlineData(Act.Comment, """{"body": "x*10000"}""")]
    [InlineData(Act.EditComment, """{"body": "x*10000"}""")]
    public async Task TheLongestTextIsAccepted(Act act, string payload)
    {
        var id = await app.TargetAsync(act, Target.Members);
        var before = await app.SnapshotAsync(id);

        using var response = await SendJsonAsync(app.As(Caller.Author), act, id, Expand(payload));

        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        var after = await app.SnapshotAsync(id);
        Assert.True(act is Act.EditBody or Act.EditComment ? after.Target?.Body.Length == 10_000 : DiscussionActions.Applied(act, before, after));
    }

    /// A refusal is a validation problem that names each field broken and says what it accepts, in the limits the page is given.
    [Fact]
    public async Task ARefusalNamesEachFieldAndWhatItAccepts()
    {
        using var response = await SendJsonAsync(app.As(Caller.Author), Act.Annotate, Guid.Empty,
            Expand("""{"quote": "Late fusion", "body": "Why?", "visibility": "Friends", "start": 2147483647, "prefix": "x*65", "mediaSeconds": 2147483647}"""));

        Assert.Equal((HttpStatusCode.BadRequest, "application/problem+json"), (response.StatusCode, response.Content.Headers.ContentType?.MediaType));
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.Equal(["mediaSeconds: A time in the recording is 0 to 86400 seconds.", "prefix: Send up to 64 characters before the passage.",
            "visibility: Choose OnlyMe, Members or Public."],
            errors.EnumerateObject().Select(e => $"{e.Name}: {string.Join(" ", e.Value.EnumerateArray())}").Order(StringComparer.Ordinal));

        using var pastTheEnd = await SendJsonAsync(app.As(Caller.Author), Act.Annotate, Guid.Empty,
            """{"quote": "Late fusion", "body": "Why?", "visibility": "Members", "start": 2147483647}""");
        Assert.Equal("The place given is past the end of the note.",
            (await pastTheEnd.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("start")[0].GetString());
    }

    /// The page sends the selection as the browser gives it: its whitespace, not the note's, and some text on either
    /// side. The expected passage is marked [thus] in the note's own text.
    [Theory]
    [InlineData("scores.\n\n   Early fusion", "", "", "just the [scores.\nEarly fusion] combines")]
    [InlineData("scores. Early\u00A0fusion", "just  the ", " combines", "just the [scores.\nEarly fusion] combines")]
    [InlineData("  Late fusion combines\n", "", "", "\n[Late fusion combines] just")]
    [InlineData("CLIP", "", "", "[CLIP] is a model")]
    [InlineData("CLIP", "Quickly after ", ", a paper", "after [CLIP], a paper")]
    [InlineData("CLIP", "Google called\n ALIGN.  And ", " again.\n\n", "And [CLIP] again.")]
    [InlineData("CLIP", "", " again", "And [CLIP] again.")]
    public async Task APassageSelectedOnThePageIsAnchoredInTheNote(string quote, string prefix, string suffix, string expected)
    {
        using var response = await app.As(Caller.Author).PostAsJsonAsync(DiscussionActions.Api($"notes/{DiscussionApp.Selection}/annotations"),
            new { quote, prefix, suffix, body = "Here.", visibility = "OnlyMe" });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var annotation = await response.Content.ReadFromJsonAsync<JsonElement>();
        var (start, length) = (annotation.GetProperty("start").GetInt32(), annotation.GetProperty("length").GetInt32());
        var text = await NoteTextAsync(DiscussionApp.Selection);
        Assert.Contains(expected, $"{text[..start]}[{text.Substring(start, length)}]{text[(start + length)..]}", StringComparison.Ordinal);
        Assert.Equal(text.Substring(start, length), annotation.GetProperty("quote").GetString());
    }

    [Fact]
    public async Task AStartThatHoldsTheQuoteIsTakenAsItIs()
    {
        var text = await NoteTextAsync(DiscussionApp.Selection);
        var third = text.LastIndexOf("CLIP", StringComparison.Ordinal);

        using var response = await app.As(Caller.Author).PostAsJsonAsync(DiscussionActions.Api($"notes/{DiscussionApp.Selection}/annotations"),
            new { quote = "CLIP", start = third, body = "Here.", visibility = "OnlyMe" });

        Assert.Equal(third, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("start").GetInt32());
    }

    [Fact]
    public async Task AnAuthorChangesTheTimeAndTakesItAway()
    {
        var author = app.As(Caller.Author);
        using var created = await author.PostAsJsonAsync(DiscussionActions.Api($"notes/{DiscussionApp.Passage}/annotations"),
            new { quote = "Late fusion", body = "At this moment.", visibility = "OnlyMe", mediaSeconds = 95 });
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        using var moved = await author.PatchAsJsonAsync(DiscussionActions.Api($"annotations/{id}"), new { mediaSeconds = 120 });
        using var removed = await author.PatchAsJsonAsync(DiscussionActions.Api($"annotations/{id}"), new { removeMediaSeconds = true });

        Assert.Equal(120, (await moved.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("mediaSeconds").GetInt32());
        Assert.Equal(JsonValueKind.Null, (await removed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("mediaSeconds").ValueKind);
    }

    async Task<string> NoteTextAsync(string slug)
    {
        await using var db = app.Database.CreateContext();
        return db.Notes.Single(n => n.Slug == slug).PlainText;
    }

    static async Task<HttpResponseMessage> SendJsonAsync(HttpClient client, Act act, Guid id, string json)
    {
        var (method, path) = act switch
        {
            Act.Annotate => (HttpMethod.Post, $"notes/{DiscussionApp.Passage}/annotations"),
            Act.EditBody => (HttpMethod.Patch, $"annotations/{id}"),
            Act.Reply => (HttpMethod.Post, $"annotations/{id}/replies"),
            Act.Comment => (HttpMethod.Post, $"notes/{DiscussionApp.Passage}/comments"),
            Act.EditComment or Act.EditReply => (HttpMethod.Patch, $"comments/{id}"),
            _ => throw new ArgumentOutOfRangeException(nameof(act), act, null),
        };
        using var request = new HttpRequestMessage(method, DiscussionActions.Api(path)) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        return await client.SendAsync(request);
    }

    static string Expand(string payload) =>
        Repeated().Replace(payload, m => new string(m.Groups[1].Value[0], int.Parse(m.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture)));

    [GeneratedRegex(@"(\w)\*(\d+)")]
    private static partial Regex Repeated();
}
