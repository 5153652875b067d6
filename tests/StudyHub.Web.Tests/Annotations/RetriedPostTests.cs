using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace StudyHub.Web.Tests.Annotations;

/// A post sent again with the id its client gave it, as the page does when an answer never came, is posted once.
public sealed class RetriedPostTests(DiscussionApp app) : IClassFixture<DiscussionApp>
{
    [Theory]
    [InlineData(Act.Annotate)]
    [InlineData(Act.Comment)]
    [InlineData(Act.Reply)]
    public async Task APostSentTwiceWithItsIdIsPostedOnceAndBothAnswersAreThatPost(Act act)
    {
        var annotation = await app.TargetAsync(Act.Reply, Target.Members);
        var before = await app.SnapshotAsync(annotation);
        var id = Guid.NewGuid();

        var first = await PostAsync(Caller.Author, act, annotation, id);
        var again = await PostAsync(Caller.Author, act, annotation, id);

        Assert.Equal((HttpStatusCode.Created, id), first);
        Assert.Equal((HttpStatusCode.Created, id), again);
        Assert.True(DiscussionActions.Applied(act, before, await app.SnapshotAsync(annotation)));
        Assert.Equal(1, Added(act, before, await app.SnapshotAsync(annotation)));
    }

    [Theory]
    [InlineData(Act.Annotate)]
    [InlineData(Act.Comment)]
    [InlineData(Act.Reply)]
    public async Task RetriesThatRaceEachOtherPostOnce(Act act)
    {
        var annotation = await app.TargetAsync(Act.Reply, Target.Members);
        var before = await app.SnapshotAsync(annotation);
        var id = Guid.NewGuid();

        var answers = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => PostAsync(Caller.Author, act, annotation, id)));

        Assert.All(answers, answer => Assert.Equal((HttpStatusCode.Created, id), answer));
        Assert.Equal(1, Added(act, before, await app.SnapshotAsync(annotation)));
    }

    [Theory]
    [InlineData(Act.Annotate)]
    [InlineData(Act.Comment)]
    [InlineData(Act.Reply)]
    public async Task AnIdThatNamesAnotherReadersPostIsRefused(Act act)
    {
        var annotation = await app.TargetAsync(Act.Reply, Target.Members);
        var id = Guid.NewGuid();
        await PostAsync(Caller.Author, act, annotation, id);
        var before = await app.SnapshotAsync(annotation);

        var theirs = await PostAsync(Caller.OtherMember, act, annotation, id);

        Assert.Equal(HttpStatusCode.Conflict, theirs.Status);
        Assert.Equal(before, await app.SnapshotAsync(annotation));
    }

    [Theory]
    [InlineData(Act.Annotate)]
    [InlineData(Act.Comment)]
    [InlineData(Act.Reply)]
    public async Task TheEmptyIdIsRefusedSoThatAClientThatForgetsToMakeOneDoesNotLoseItsPosts(Act act)
    {
        var annotation = await app.TargetAsync(Act.Reply, Target.Members);
        var before = await app.SnapshotAsync(annotation);

        var answer = await PostAsync(Caller.Author, act, annotation, Guid.Empty);

        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.Equal(before, await app.SnapshotAsync(annotation));
    }

    static int Added(Act act, Snapshot before, Snapshot after) => act switch
    {
        Act.Annotate => after.Annotations - before.Annotations,
        Act.Comment => after.Comments - before.Comments,
        _ => after.Target!.Replies - before.Target!.Replies,
    };

    async Task<(HttpStatusCode Status, Guid? Id)> PostAsync(Caller caller, Act act, Guid annotation, Guid id)
    {
        var client = app.As(caller);
        using var response = act switch
        {
            Act.Annotate => await client.PostAsJsonAsync(DiscussionActions.Api($"notes/{DiscussionApp.Passage}/annotations"),
                new { quote = "Late fusion", body = "Why late?", visibility = "Members", id }),
            Act.Comment => await client.PostAsJsonAsync(DiscussionActions.Api($"notes/{DiscussionApp.Passage}/comments"),
                new { body = "A thought.", visibility = "Members", id }),
            _ => await client.PostAsJsonAsync(DiscussionActions.Api($"annotations/{annotation}/replies"), new { body = "An answer.", id }),
        };
        var posted = response.StatusCode == HttpStatusCode.Created
            ? (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid()
            : (Guid?)null;
        return (response.StatusCode, posted);
    }
}
