using System.Globalization;
using System.Text;

namespace StudyHub.Fidelity;

/// The harness's results as the part of docs/fidelity.md below its marker; the explanations above it are written by hand.
public static class FidelityReport
{
    public const string Marker = "<!-- Everything below is written by the harness. -->";

    // Each folder of the corpora is a vault; about/ holds what is known of them.
    public static IEnumerable<string> Vaults(string corpora) =>
        Directory.EnumerateDirectories(corpora).Where(d => Path.GetFileName(d) != "about").Order(StringComparer.Ordinal);

    public static string Markdown(IReadOnlyList<CorpusResult> results, string command, string date)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"## Results of {date}").AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"`{command}`").AppendLine();
        text.AppendLine("| corpus | notes | addresses | " + string.Join(" | ", FidelityCheck.Kinds) + " |");
        text.AppendLine("| --- | ---: | ---: |" + string.Concat(FidelityCheck.Kinds.Select(_ => " ---: |")));
        foreach (var result in results)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"| {result.Corpus} | {result.Notes} | {result.Pages} | {string.Join(" | ", FidelityCheck.Kinds.Select(k => result.Defects.Count(d => d.Kind == k)))} |");
        }
        foreach (var result in results.Where(r => r.Defects.Count > 0))
        {
            text.AppendLine().AppendLine(CultureInfo.InvariantCulture, $"### {result.Corpus}");
            foreach (var kind in result.Defects.GroupBy(d => d.Kind))
            {
                text.AppendLine().AppendLine(CultureInfo.InvariantCulture, $"{kind.Key} ({kind.Count()}):").AppendLine();
                foreach (var defect in kind.Take(20))
                {
                    text.AppendLine(CultureInfo.InvariantCulture, $"- `{defect.Where}`: {defect.Detail.Replace("|", "\\|", StringComparison.Ordinal)}");
                }
                if (kind.Count() > 20)
                {
                    text.AppendLine(CultureInfo.InvariantCulture, $"- … and {kind.Count() - 20} more");
                }
            }
        }
        return text.ToString();
    }

    public static void Write(string path, string results)
    {
        var kept = File.Exists(path) ? File.ReadAllText(path) : "# Fidelity on real vaults\n\n";
        var at = kept.IndexOf(Marker, StringComparison.Ordinal);
        File.WriteAllText(path, (at >= 0 ? kept[..at] : kept) + Marker + "\n\n" + results);
    }
}
