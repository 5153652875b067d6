using System.Net;
using StudyHub.Testing;

namespace StudyHub.Web.Tests.Accounts;

public sealed class RateLimitTests(StrictRateLimitApp app) : IClassFixture<StrictRateLimitApp>
{
    [Fact]
    public async Task SignInPostsBeyondTheLimitGetTooManyRequests()
    {
        using var client = app.CreateClient();
        var statuses = new List<HttpStatusCode>();

        for (var attempt = 0; attempt <= StrictRateLimitApp.PermitsPerMinute; attempt++)
        {
            using var response = await StudyHubApp.SignInAsync(client, "nobody@example.org", "wrong password");
            statuses.Add(response.StatusCode);
        }
        using var page = await client.GetAsync(new Uri("/account/login", UriKind.Relative));

        Assert.All(statuses.SkipLast(1), status => Assert.Equal(HttpStatusCode.OK, status));
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[^1]);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
    }
}
