using System.Net.Http.Json;
using StudyHub.Testing;
using StudyHub.Web.Features.Search;

namespace StudyHub.Web.Tests.Search;

public sealed class QuickSwitcherTests(SearchApp app) : IClassFixture<SearchApp>
{
    [Theory]
    [InlineData("flamngo", "Flamingo", "/notes/cs224n/models/flamingo")]
    [InlineData("Flamingo", "Flamingo", "/notes/cs224n/models/flamingo")]
    [InlineData("flam", "Flamingo", "/notes/cs224n/models/flamingo")]
    [InlineData("blip2", "BLIP-2", "/notes/cs224n/models/blip-2")]
    [InlineData("kiela", "Douwe Kiela", "/notes/cs224n/people/douwe-kiela")]
    [InlineData("douwe keila", "Douwe Kiela", "/notes/cs224n/people/douwe-kiela")]
    public async Task FindsANoteByTitleOrAliasDespiteTypos(string typed, string title, string url)
    {
        var options = await SwitchAsync(typed);

        Assert.Equal((title, url, false), (options[0].Title, options[0].Url, options[0].IsConcept));
    }

    [Fact]
    public async Task FindsAConceptNobodyHasWrittenYet()
    {
        using var vault = new TempVault("ideas").Write("Reading.md", "# Reading\n\nThe [[Perceiver Resampler]] makes visual tokens.");
        await app.ImportVaultAsync(vault.Root, "ideas");

        var options = await SwitchAsync("perciever resampler");

        Assert.Contains(new SwitcherOption("Perceiver Resampler", "/concepts/perceiver-resampler", "Not yet written", true), options);
    }

    [Fact]
    public async Task OffersAtMostEightOptions()
    {
        Assert.Equal(8, (await SwitchAsync("zebra")).Count);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("'); drop table \"Notes\"; --")]
    [InlineData("%_%")]
    [InlineData("q\0x")]
    public async Task OddInputFindsNothingWithoutFailing(string typed)
    {
        Assert.Empty(await SwitchAsync(typed));
    }

    async Task<List<SwitcherOption>> SwitchAsync(string typed)
    {
        using var client = app.CreateClient();
        return (await client.GetFromJsonAsync<List<SwitcherOption>>(new Uri($"/api/switcher?q={Uri.EscapeDataString(typed)}", UriKind.Relative)))!;
    }
}
