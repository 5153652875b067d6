using StudyHub.Testing;

namespace StudyHub.Web.Tests.Search;

/// The app with the sample vault and a "zoo" vault of 25 zebra notes, enough for two pages of results.
public sealed class SearchApp : StudyHubApp
{
    readonly TempVault _zoo = new("zoo");

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await ImportSampleVaultAsync();
        for (var i = 1; i <= 25; i++)
        {
            _zoo.Write($"Zebra {i:D2}.md", $"---\ntype: animal\ntags: [{(i % 2 == 0 ? "even" : "odd")}]\n---\n# Zebra {i:D2}\n\nZebras graze on the savanna, {new string('!', i)}\n");
        }
        await ImportVaultAsync(_zoo.Root, "zoo");
    }

    public async Task<string> SearchAsync(string query)
    {
        using var client = CreateClient();
        return await client.GetStringAsync(new Uri($"/search?{query}", UriKind.Relative));
    }

    public override async ValueTask DisposeAsync()
    {
        _zoo.Dispose();
        await base.DisposeAsync();
    }
}
