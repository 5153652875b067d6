using System.Net.Http.Json;
using StudyHub.Testing;
using StudyHub.Web.Features.Search;

namespace StudyHub.Web.Tests.Search;

/// The quick switcher finds a note by any of its names as Obsidian's does, and ranks what it finds.
public sealed class SwitcherRankingTests(StudyHubApp app) : IClassFixture<StudyHubApp>
{
    [Fact]
    public async Task FindsANoteByItsFileNameTitleOrAliasAndByItsLettersInOrder()
    {
        using var vault = new TempVault("names")
            .Write("vit-paper.md", "---\ntitle: Vision Transformer\naliases: [ViT, Patch Transformer]\n---\n# Paper Figures\n\nImages as patches.");
        await app.ImportVaultAsync(vault.Root);

        foreach (var typed in new[] { "vit-paper", "Vision Transformer", "vit", "patch transformer", "vitrans", "vistra" })
        {
            var options = await SwitchAsync(typed);
            Assert.True(options is [{ Title: "Vision Transformer", Url: "/notes/names/vit-paper" }, ..], $"'{typed}' found {string.Join(", ", options)}");
        }
    }

    [Fact]
    public async Task RanksExactThenPrefixThenWordPrefixThenLettersInOrderThenLikeAndTheMoreLinkedFirst()
    {
        using var vault = new TempVault("railways")
            .Write("Rail.md", "Short for many things.")
            .Write("Railway.md", "A line.")
            .Write("Railcar.md", "A carriage.")
            .Write("Light Rail.md", "Trams, mostly.")
            .Write("Road And Ice Layers.md", "Winter.")
            .Write("Raid.md", "Not a railway.")
            .Write("Bus.md", "See [[Railcar]].")
            .Write("Ferry.md", "See [[Railcar]].");
        await app.ImportVaultAsync(vault.Root);

        var options = await SwitchAsync("rail");

        Assert.Equal(["Rail", "Railcar", "Railway", "Light Rail", "Road And Ice Layers", "Raid"], options.Select(o => o.Title));
    }

    [Fact]
    public async Task AnUnwrittenConceptIsNotOfferedWhenAWrittenNoteAnswersToItsName()
    {
        using var birds = new TempVault("birds").Write("Flamingo.md", "A bird.");
        using var models = new TempVault("models")
            .Write("flamingo-paper.md", "---\ntitle: Flamingo\n---\nA visual language model.")
            .Write("Reading.md", "See [[Flamingo]], [[FLAMINGO]] and [[Perceiver]].");
        await app.ImportVaultAsync(birds.Root);
        await app.ImportVaultAsync(models.Root);

        var options = await SwitchAsync("flamingo");

        Assert.DoesNotContain(options, o => o.IsConcept);
        Assert.Equal(2, options.Count(o => o.Title == "Flamingo"));
        Assert.Contains(new SwitcherOption("Perceiver", "/concepts/perceiver", "Not yet written", true), await SwitchAsync("perceiver"));
    }

    async Task<List<SwitcherOption>> SwitchAsync(string typed)
    {
        using var client = app.CreateClient();
        return (await client.GetFromJsonAsync<List<SwitcherOption>>(new Uri($"/api/switcher?q={Uri.EscapeDataString(typed)}", UriKind.Relative)))!;
    }
}
