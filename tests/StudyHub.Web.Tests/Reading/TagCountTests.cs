using StudyHub.Testing;

namespace StudyHub.Web.Tests.Reading;

/// Tag counts are kept by each import rather than counted from every note at each view: an import that adds, drops or
/// moves tags changes them, and a vault's counts never mix with another's.
public sealed class TagCountTests(StudyHubApp app) : IClassFixture<StudyHubApp>
{
    [Fact]
    public async Task ReimportingAVaultUpdatesItsTagCountsAndLeavesOtherVaultsAlone()
    {
        using var first = new TempVault("first").Write("A.md", "#alpha #beta").Write("B.md", "#alpha");
        using var second = new TempVault("second").Write("C.md", "#alpha #gamma");
        await app.ImportVaultAsync(first.Root, "first");
        await app.ImportVaultAsync(second.Root, "second");
        var before = await ListingPages.GetAsync(app, "/tags");

        first.Delete("B.md").Write("A.md", "#beta #delta");
        await app.ImportVaultAsync(first.Root, "first");
        var after = await ListingPages.GetAsync(app, "/tags");

        Assert.Contains("#alpha</a> <span class=\"count\">3</span>", before, StringComparison.Ordinal);
        Assert.Contains("#beta</a> <span class=\"count\">1</span>", before, StringComparison.Ordinal);
        Assert.Contains("#alpha</a> <span class=\"count\">1</span>", after, StringComparison.Ordinal);
        Assert.Contains("#beta</a> <span class=\"count\">1</span>", after, StringComparison.Ordinal);
        Assert.Contains("#delta</a> <span class=\"count\">1</span>", after, StringComparison.Ordinal);
        Assert.Contains("#gamma</a> <span class=\"count\">1</span>", after, StringComparison.Ordinal);
        Assert.Contains("4 tags, as a tree.", after, StringComparison.Ordinal);
    }
}
