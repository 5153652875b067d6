using StudyHub.Fidelity;
using StudyHub.Testing;

namespace StudyHub.Corpus.Tests;

/// The fidelity harness (bench/StudyHub.Fidelity, see docs/fidelity.md) over each real vault: imported, every page a
/// visitor can reach crawled, and nothing shown otherwise than Obsidian shows the files.
public sealed class FidelityTests
{
    public static TheoryData<string> Corpora =>
        new(FidelityReport.Vaults(RepositoryFiles.Shared("corpora")).Select(v => Path.GetFileName(v)));

    [Theory]
    [MemberData(nameof(Corpora))]
    public async Task TheVaultShowsAsInObsidian(string corpus)
    {
        var result = await FidelityCheck.RunAsync(RepositoryFiles.Shared("corpora", corpus));

        Assert.True(result.Defects.Count == 0,
            $"{result.Defects.Count} defects in {corpus} ({result.Notes} notes, {result.Pages} addresses):\n"
            + string.Join('\n', result.Defects.Select(d => $"- {d.Kind}: {d.Where}: {d.Detail}")));
    }
}
