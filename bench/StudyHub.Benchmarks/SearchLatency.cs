using System.Diagnostics;
using System.Globalization;

namespace StudyHub.Benchmarks;

/// Times /search and /api/switcher over HTTP against a running app, one request at a time: 40 queries in
/// rotation (what many readers asking different things look like) against one query repeated (everything hot).
static class SearchLatency
{
    static readonly string[] Queries =
    [
        "contrastive", "model", "embedding", "zero-shot", "BLIP-2", "LLaMA", "CLIP", "Flamingo", "gradient", "tokenization",
        "scaling laws", "vision transformers", "contrastive learning", "\"key point\"", "retrieval -diffusion", "alignment or agents",
        "encoder decoder", "fine-tuning", "pretraining objective", "audio caption", "Note 00042", "Note 07311 speech", "N1234",
        "unwritten idea", "remember", "loss backward", "criterion", "distillation batch", "speech benchmark", "diffusion image",
        "layer token", "representation", "modality", "datasets", "evaluation paper", "attention", "generated",
        "nothingmatchesthis", "the", "transformer modality zero-shot",
    ];

    static readonly string[] Typed = ["flamngo", "note 0004", "unwriten idea 4", "contrastiv", "N77", "speach", "BLIP", "vision"];

    public static async Task RunAsync(Uri app, int requests)
    {
        using var http = new HttpClient { BaseAddress = app };
        Console.WriteLine($"{Queries.Length} rotating queries, {requests} requests per series, sequential, against {app}");
        await TimeAsync(http, Queries.Select(Search));
        Report("search, rotating", await TimeAsync(http, Enumerable.Range(0, requests).Select(i => Search(Queries[i % Queries.Length]))));
        Report("search, one query", await TimeAsync(http, Enumerable.Repeat(Search("contrastive"), requests)));
        Report("search, page 5", await TimeAsync(http, Enumerable.Range(0, requests).Select(i => Search(Queries[i % Queries.Length]) + "&page=5")));
        Report("switcher, rotating", await TimeAsync(http, Enumerable.Range(0, requests).Select(i => $"/api/switcher?q={Uri.EscapeDataString(Typed[i % Typed.Length])}")));
    }

    static string Search(string query) => $"/search?q={Uri.EscapeDataString(query)}";

    static async Task<List<double>> TimeAsync(HttpClient http, IEnumerable<string> urls)
    {
        var times = new List<double>();
        foreach (var url in urls)
        {
            var clock = Stopwatch.StartNew();
            using var response = await http.GetAsync(url);
            await response.Content.ReadAsByteArrayAsync();
            clock.Stop();
            response.EnsureSuccessStatusCode();
            times.Add(clock.Elapsed.TotalMilliseconds);
        }
        return times;
    }

    static void Report(string series, List<double> times)
    {
        times.Sort();
        double Percentile(double p) => times[Math.Max(0, (int)Math.Ceiling(p / 100 * times.Count) - 1)];
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{series,-20} n={times.Count}  p50 {Percentile(50),6:F1} ms  p95 {Percentile(95),6:F1} ms  p99 {Percentile(99),6:F1} ms  max {times[^1],6:F1} ms"));
    }
}
