using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using StudyHub.Testing;
using StudyHub.Web.Features.Concepts;
using StudyHub.Web.Features.Graph;

namespace StudyHub.Web.Tests.Graph;

public sealed class ConceptCorrectionTests(StudyHubApp app) : IClassFixture<StudyHubApp>
{
    [Fact]
    public async Task ACorrectedKindAndAliasSurviveAReimport()
    {
        await app.ImportSampleVaultAsync();
        using (var scope = app.Services.CreateScope())
        {
            // The lecture writes "images: ViT" in plain text; CLIP's front matter names [[Vision Transformer]], not written yet.
            await scope.ServiceProvider.GetRequiredService<ConceptCorrections>().CorrectAsync("vision-transformer", NodeKind.Model, ["ViT"]);
        }
        await app.ImportSampleVaultAsync();

        var graph = (await app.CreateClient().GetFromJsonAsync<GraphResponse>(new Uri("/api/graph", UriKind.Relative)))!;

        Assert.Equal(NodeKind.Model, Assert.Single(graph.Nodes, n => n.Id == "vision-transformer").Kind);
        Assert.Contains(graph.Edges, e => e.Source == "multimodal-deep-learning" && e.Target == "vision-transformer" && e.Kind == "unlinked-mention");
    }
}
