using System.Text.Json;

namespace StudyHub.Web.Tests.Annotations;

/// The discussion API answers with typed results, so its OpenAPI description says what each endpoint can answer.
public sealed class DiscussionApiDescriptionTests(DiscussionApp app) : IClassFixture<DiscussionApp>
{
    [Theory]
    [InlineData("/api/notes/{slug}/annotations", "get", "200 404")]
    [InlineData("/api/notes/{slug}/annotations", "post", "201 400 404 409")]
    [InlineData("/api/annotations/{id}", "patch", "200 400 404")]
    [InlineData("/api/annotations/{id}", "delete", "204 404")]
    [InlineData("/api/annotations/{id}/replies", "post", "201 400 404 409")]
    [InlineData("/api/notes/{slug}/comments", "get", "200 404")]
    [InlineData("/api/notes/{slug}/comments", "post", "201 400 404 409")]
    [InlineData("/api/comments/{id}", "patch", "200 400 404")]
    [InlineData("/api/comments/{id}", "delete", "204 404")]
    public async Task TheApiDescriptionListsEveryAnswerOfADiscussionEndpoint(string path, string method, string statuses)
    {
        using var client = await app.ClientAsync(DiscussionApp.Email(Caller.Admin));
        using var document = JsonDocument.Parse(await client.GetStringAsync(new Uri("/openapi/v1.json", UriKind.Relative)));

        var responses = document.RootElement.GetProperty("paths").GetProperty(path).GetProperty(method).GetProperty("responses");

        Assert.Equal(statuses, string.Join(' ', responses.EnumerateObject().Select(r => r.Name).Order(StringComparer.Ordinal)));
    }
}
