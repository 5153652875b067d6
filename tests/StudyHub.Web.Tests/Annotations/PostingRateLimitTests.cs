using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;

namespace StudyHub.Web.Tests.Annotations;

/// Annotations, replies, comments and edits count against one allowance per reader and minute.
public sealed class PostingRateLimitTests(PostingRateLimitTests.ThreePostsApp app) : IClassFixture<PostingRateLimitTests.ThreePostsApp>
{
    public sealed class ThreePostsApp : DiscussionApp
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Discussion:PostsPerMinute", "3");
        }
    }

    [Fact]
    public async Task TheFourthPostInAMinuteIsRefusedWhileOthersStillPost()
    {
        var author = app.As(Caller.Author);
        using var annotated = await author.SendAsync(Act.Annotate, Guid.Empty, Target.Note);
        var annotation = (await annotated.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        using var replied = await author.SendAsync(Act.Reply, annotation, Target.Members);
        using var commented = await author.SendAsync(Act.Comment, Guid.Empty, Target.Note);
        var before = await app.SnapshotAsync(annotation);

        using var fourth = await author.SendAsync(Act.Annotate, Guid.Empty, Target.Note);
        using var edit = await author.SendAsync(Act.EditBody, annotation, Target.Members);
        using var another = await app.As(Caller.OtherMember).SendAsync(Act.Comment, Guid.Empty, Target.Note);

        Assert.Equal((HttpStatusCode.Created, HttpStatusCode.Created, HttpStatusCode.Created), (annotated.StatusCode, replied.StatusCode, commented.StatusCode));
        Assert.Equal((HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests), (fourth.StatusCode, edit.StatusCode));
        Assert.Equal(HttpStatusCode.Created, another.StatusCode);
        Assert.Equal(before with { Comments = before.Comments + 1 }, await app.SnapshotAsync(annotation));
    }
}
