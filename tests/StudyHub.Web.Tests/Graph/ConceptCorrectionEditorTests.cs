using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using StudyHub.Testing;
using StudyHub.Web.Features.Accounts;
using StudyHub.Web.Features.Graph;

namespace StudyHub.Web.Tests.Graph;

/// Correcting a concept through the web: who may, what a post needs, and what changes for everybody after it.
/// Each test corrects its own concept, since they share one database.
public sealed class ConceptCorrectionEditorTests(ConceptCorrectionEditorTests.CorrectorsApp app) : IClassFixture<ConceptCorrectionEditorTests.CorrectorsApp>
{
    public sealed class CorrectorsApp : StudyHubApp
    {
        public override async Task InitializeAsync()
        {
            await base.InitializeAsync();
            await ImportSampleVaultAsync();
            await CreateUserAsync("member@example.org");
            await CreateUserAsync("editor@example.org", Roles.Editor);
            await CreateUserAsync("admin@example.org", Roles.Admin);
        }
    }

    [Theory]
    [InlineData("editor@example.org", "hugging-face")]
    [InlineData("admin@example.org", "openai")]
    public async Task EditorsAndAdminsRetypeAConceptAndTheGraphAndItsPageShowIt(string corrector, string slug)
    {
        using var client = await SignedInAsync(corrector);

        using var saved = await StudyHubApp.PostFormAsync(client, $"/concepts/{slug}/correction", "correct-concept",
            new() { ["Input.Kind"] = "dataset", ["Input.Aliases"] = "" });

        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        Assert.Equal($"/concepts/{slug}", saved.RequestMessage!.RequestUri!.AbsolutePath);
        Assert.Contains("<a href=\"/concepts#dataset\">Datasets</a>", await saved.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(NodeKind.Dataset, (await NodeAsync(slug)).Kind);
    }

    [Fact]
    public async Task AnAliasMakesItsPlainTextMentionsUnlinkedMentions()
    {
        // The lecture writes "images: ViT" in plain text; CLIP's front matter names [[Vision Transformer]], not written yet.
        Assert.DoesNotContain((await GraphAsync()).Edges, IsTheLecturesMentionOfViT);
        using var client = await SignedInAsync("editor@example.org");

        using var saved = await StudyHubApp.PostFormAsync(client, "/concepts/vision-transformer/correction", "correct-concept",
            new() { ["Input.Kind"] = "model", ["Input.Aliases"] = "ViT\r\nVision Transformers" });

        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        Assert.Contains((await GraphAsync()).Edges, IsTheLecturesMentionOfViT);
        var form = await client.GetStringAsync(new Uri("/concepts/vision-transformer", UriKind.Relative));
        Assert.Contains("action=\"/concepts/vision-transformer/correction\"", form, StringComparison.Ordinal);
        Assert.Contains("<option value=\"model\" selected>", form, StringComparison.Ordinal);
        Assert.Contains(">ViT&#xA;Vision Transformers</textarea>", form, StringComparison.Ordinal);

        static bool IsTheLecturesMentionOfViT(GraphEdge edge) =>
            edge is { Source: "multimodal-deep-learning", Target: "vision-transformer", Kind: EdgeKinds.UnlinkedMention };
    }

    [Theory]
    [InlineData("BERT", "BERT")]
    [InlineData("flamingo", "Flamingo")]
    public async Task AnotherConceptsNameIsRefusedAsAnAlias(string alias, string owner)
    {
        using var client = await SignedInAsync("editor@example.org");

        using var refused = await StudyHubApp.PostFormAsync(client, "/concepts/whisper/correction", "correct-concept",
            new() { ["Input.Kind"] = "", ["Input.Aliases"] = $"Speech model\n{alias}" });

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains($"&quot;{alias}&quot; already names {owner}.", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await using var db = app.Database.CreateContext();
        Assert.False(await db.ConceptCorrections.AnyAsync(c => c.Slug == "whisper"));
    }

    [Theory]
    [InlineData(null, "/account/login")]
    [InlineData("member@example.org", "/account/denied")]
    public async Task AnonymousReadersAndMembersCannotCorrect(string? caller, string sentTo)
    {
        using var client = caller is null ? app.CreateClient() : await SignedInAsync(caller);

        var page = await client.GetStringAsync(new Uri("/concepts/clip", UriKind.Relative));
        using var refused = await StudyHubApp.PostFormAsync(client, "/concepts/clip/correction", "correct-concept",
            new() { ["Input.Kind"] = "person", ["Input.Aliases"] = "Contrastive Pretraining" });

        Assert.DoesNotContain("correct-concept", page, StringComparison.Ordinal);
        Assert.Equal(sentTo, refused.RequestMessage!.RequestUri!.AbsolutePath);
        Assert.Equal(NodeKind.Model, (await NodeAsync("clip")).Kind);
        await using var db = app.Database.CreateContext();
        Assert.False(await db.ConceptCorrections.AnyAsync(c => c.Slug == "clip"));
    }

    [Fact]
    public async Task AMemberCannotPostTheFormToTheConceptPageEither()
    {
        using var client = await SignedInAsync("member@example.org");

        using var refused = await StudyHubApp.PostFormAsync(client, "/concepts/clip", "correct-concept",
            new() { ["Input.Kind"] = "person", ["Input.Aliases"] = "" });

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal(NodeKind.Model, (await NodeAsync("clip")).Kind);
    }

    [Fact]
    public async Task ACorrectionWithoutAnAntiforgeryTokenIsRefused()
    {
        using var client = await SignedInAsync("editor@example.org");
        using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["_handler"] = "correct-concept", ["Input.Kind"] = "person" });

        using var refused = await client.PostAsync(new Uri("/concepts/meta-ai-research/correction", UriKind.Relative), form);

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal(NodeKind.Organization, (await NodeAsync("meta-ai-research")).Kind);
    }

    [Fact]
    public async Task AnUnknownKindIsExplainedAndNothingIsSaved()
    {
        using var client = await SignedInAsync("editor@example.org");

        using var refused = await StudyHubApp.PostFormAsync(client, "/concepts/yann-lecun/correction", "correct-concept",
            new() { ["Input.Kind"] = "wizard", ["Input.Aliases"] = "" });

        Assert.Contains("&#x27;wizard&#x27; is not a kind.", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(NodeKind.Person, (await NodeAsync("yann-lecun")).Kind);
    }

    [Fact]
    public async Task AnUnknownConceptHasNoCorrectionPage()
    {
        using var client = await SignedInAsync("editor@example.org");

        using var response = await client.GetAsync(new Uri("/concepts/nobody-at-all/correction", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    async Task<HttpClient> SignedInAsync(string email)
    {
        var client = app.CreateClient();
        using var signedIn = await StudyHubApp.SignInAsync(client, email);
        return client;
    }

    async Task<GraphResponse> GraphAsync()
    {
        using var client = app.CreateClient();
        return (await client.GetFromJsonAsync<GraphResponse>(new Uri("/api/graph", UriKind.Relative)))!;
    }

    async Task<GraphNode> NodeAsync(string slug) => Assert.Single((await GraphAsync()).Nodes, n => n.Id == slug);
}
