using System.Globalization;
using StudyHub.Fidelity;

// dotnet run --project bench/StudyHub.Fidelity -- ../shared/corpora [--report docs/fidelity.md]; see docs/fidelity.md.
if (args is not [var corpora, ..] || !Directory.Exists(corpora))
{
    Console.Error.WriteLine("usage: StudyHub.Fidelity <folder of vaults> [--report docs/fidelity.md]");
    return 2;
}
var at = Array.IndexOf(args, "--report");
var report = at >= 0 && at + 1 < args.Length ? Path.GetFullPath(args[at + 1]) : null;
corpora = Path.GetFullPath(corpora);
// The test host finds the app's content root through MvcTestingAppManifest.json in the current folder, as under a test runner.
Directory.SetCurrentDirectory(AppContext.BaseDirectory);

var results = new List<CorpusResult>();
foreach (var vault in FidelityReport.Vaults(corpora))
{
    Console.WriteLine($"{Path.GetFileName(vault)}: importing and crawling…");
    var result = await FidelityCheck.RunAsync(vault);
    Console.WriteLine($"{result.Corpus}: {result.Notes} notes, {result.Pages} addresses, {result.Defects.Count} defects");
    results.Add(result);
}

var command = "dotnet run --project bench/StudyHub.Fidelity -- " + string.Join(' ', args);
var markdown = FidelityReport.Markdown(results, command, DateTimeOffset.UtcNow.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture));
if (report is null)
{
    Console.WriteLine(markdown);
}
else
{
    FidelityReport.Write(report, markdown);
    Console.WriteLine($"Wrote {report}");
}
return results.Sum(r => r.Defects.Count) == 0 ? 0 : 1;
