using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using StudyHub.Testing;
using StudyHub.Web.Features.Accounts;

namespace StudyHub.Web.Tests.Annotations;

/// Every annotation action against every kind of caller: anonymous, the author, another member, an editor, an admin.
public sealed class AnnotationAuthorizationTests(AnnotationAuthorizationTests.AnnotatedApp app) : IClassFixture<AnnotationAuthorizationTests.AnnotatedApp>
{
    /// A note with three annotations by one member: private, for members, public.
    public sealed class AnnotatedApp : StudyHubApp
    {
        public Dictionary<string, Guid> ByVisibility { get; } = [];

        public override async Task InitializeAsync()
        {
            await base.InitializeAsync();
            using var vault = new TempVault("annotations").Write("Passage.md", "# Passage\n\nLate fusion combines just the scores of each modality.");
            await ImportVaultAsync(vault.Root);
            await CreateUserAsync("author@example.org");
            await CreateUserAsync("other@example.org");
            await CreateUserAsync("editor@example.org", Roles.Editor);
            await CreateUserAsync("admin@example.org", Roles.Admin);
            using var author = await AnnotationAuthorizationTests.ClientAsync(this, "author@example.org");
            foreach (var visibility in new[] { "OnlyMe", "Members", "Public" })
            {
                using var created = await AnnotationAuthorizationTests.CreateAsync(author, visibility);
                ByVisibility[visibility] = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
            }
        }
    }

    [Theory]
    [InlineData(null, new[] { "Public" })]
    [InlineData("author@example.org", new[] { "OnlyMe", "Members", "Public" })]
    [InlineData("other@example.org", new[] { "Members", "Public" })]
    [InlineData("editor@example.org", new[] { "Members", "Public" })]
    [InlineData("admin@example.org", new[] { "Members", "Public" })]
    public async Task EachCallerListsWhatTheyMaySee(string? caller, string[] visible)
    {
        using var client = await ClientAsync(app, caller);

        var list = await client.GetFromJsonAsync<JsonElement[]>(new Uri("/api/notes/passage/annotations", UriKind.Relative));

        Assert.Equal(visible.Order(), list!.Select(a => a.GetProperty("visibility").GetString()!).Order());
    }

    [Theory]
    [InlineData(null, HttpStatusCode.Unauthorized)]
    [InlineData("other@example.org", HttpStatusCode.Created)]
    [InlineData("editor@example.org", HttpStatusCode.Created)]
    [InlineData("admin@example.org", HttpStatusCode.Created)]
    public async Task OnlySignedInReadersAnnotate(string? caller, HttpStatusCode expected)
    {
        using var client = await ClientAsync(app, caller);

        using var response = await CreateAsync(client, "Members");

        Assert.Equal(expected, response.StatusCode);
    }

    [Theory]
    [InlineData(null, "Public", HttpStatusCode.Unauthorized)]
    [InlineData("other@example.org", "OnlyMe", HttpStatusCode.NotFound)]
    [InlineData("other@example.org", "Members", HttpStatusCode.Forbidden)]
    [InlineData("editor@example.org", "OnlyMe", HttpStatusCode.NotFound)]
    [InlineData("admin@example.org", "OnlyMe", HttpStatusCode.NotFound)]
    public async Task NobodyDeletesWhatIsNotTheirsToDelete(string? caller, string visibility, HttpStatusCode expected)
    {
        using var client = await ClientAsync(app, caller);

        using var response = await DeleteAsync(client, app.ByVisibility[visibility]);

        Assert.Equal(expected, response.StatusCode);
    }

    [Theory]
    [InlineData("author@example.org")]
    [InlineData("editor@example.org")]
    [InlineData("admin@example.org")]
    public async Task AuthorsEditorsAndAdminsDelete(string caller)
    {
        using var author = await ClientAsync(app, "author@example.org");
        using var created = await CreateAsync(author, "Members");
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        using var client = await ClientAsync(app, caller);

        using var response = await DeleteAsync(client, id);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
    }

    [Fact]
    public async Task APassageThatIsNotInTheNoteIsRefused()
    {
        using var client = await ClientAsync(app, "other@example.org");

        using var response = await PostAsync(client, new { start = 0, length = 5, quote = "Early", body = "?", visibility = "Public", mediaSeconds = (int?)null });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task WithoutTheAntiforgeryTokenNothingChanges()
    {
        using var client = await ClientAsync(app, "other@example.org");
        client.DefaultRequestHeaders.Remove("RequestVerificationToken");

        using var response = await CreateAsync(client, "Public");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    internal static async Task<HttpClient> ClientAsync(StudyHubApp app, string? email)
    {
        var client = app.CreateClient();
        if (email is not null)
        {
            using var signedIn = await StudyHubApp.SignInAsync(client, email);
            var token = await client.GetFromJsonAsync<JsonElement>(new Uri("/api/antiforgery", UriKind.Relative));
            client.DefaultRequestHeaders.Add(token.GetProperty("headerName").GetString()!, token.GetProperty("token").GetString());
        }
        return client;
    }

    internal static Task<HttpResponseMessage> CreateAsync(HttpClient client, string visibility) =>
        PostAsync(client, new { start = 8, length = 11, quote = "Late fusion", body = "Why late?", visibility, mediaSeconds = (int?)95 });

    static Task<HttpResponseMessage> PostAsync(HttpClient client, object annotation) =>
        client.PostAsJsonAsync(new Uri("/api/notes/passage/annotations", UriKind.Relative), annotation);

    static Task<HttpResponseMessage> DeleteAsync(HttpClient client, Guid id) =>
        client.DeleteAsync(new Uri($"/api/annotations/{id}", UriKind.Relative));
}
