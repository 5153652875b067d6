using System.Diagnostics;
using System.Globalization;

namespace StudyHub.Benchmarks;

/// What the largest note costs the others, over HTTP against a running app on a vault generated with
/// --large-note-bytes and imported as "bench": searching a word only it has against a word only the normal notes
/// have, and its page against a normal note's page, one request at a time, the two series interleaved.
static class LargeNoteCost
{
    const string NormalNoteAddress = "bench/course-00/week-00/note-00000-attention";

    public static async Task RunAsync(Uri app, int requests)
    {
        using var http = new HttpClient { BaseAddress = app, Timeout = TimeSpan.FromMinutes(5) };
        Console.WriteLine($"{requests} requests per series, sequential, interleaved, against {app}");
        await CompareAsync(http, requests, "search", "/search?q=verbatim", "/search?q=criterion");
        await CompareAsync(http, requests, "page", $"/notes/{VaultGenerator.LargeNoteAddress}", $"/notes/{NormalNoteAddress}");
    }

    static async Task CompareAsync(HttpClient http, int requests, string what, string large, string normal)
    {
        var (largeTimes, largeBytes) = (new List<double>(), 0L);
        var normalTimes = new List<double>();
        // One of each first, apart: the first view of a page loads it into the app's cache (reported for a fresh app only).
        var (firstLarge, _) = await TimeAsync(http, large);
        var (firstNormal, _) = await TimeAsync(http, normal);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{what}, first request: largest note {firstLarge:F1} ms, normal note {firstNormal:F1} ms"));
        for (var i = 0; i < requests; i++)
        {
            var (time, bytes) = await TimeAsync(http, large);
            largeTimes.Add(time);
            largeBytes = bytes;
            normalTimes.Add((await TimeAsync(http, normal)).Milliseconds);
        }
        var largeP50 = Report($"{what}, largest note", large, largeTimes, largeBytes);
        var normalP50 = Report($"{what}, normal note", normal, normalTimes, null);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{what}: largest / normal p50 = {largeP50 / normalP50:F1}×"));
    }

    static async Task<(double Milliseconds, long Bytes)> TimeAsync(HttpClient http, string url)
    {
        var clock = Stopwatch.StartNew();
        using var response = await http.GetAsync(new Uri(url, UriKind.Relative));
        var body = await response.Content.ReadAsByteArrayAsync();
        clock.Stop();
        response.EnsureSuccessStatusCode();
        return (clock.Elapsed.TotalMilliseconds, body.Length);
    }

    static double Report(string series, string url, List<double> times, long? bytes)
    {
        times.Sort();
        double Percentile(double p) => times[Math.Max(0, (int)Math.Ceiling(p / 100 * times.Count) - 1)];
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{series,-22} p50 {Percentile(50),8:F1} ms  p95 {Percentile(95),8:F1} ms  max {times[^1],8:F1} ms{(bytes is { } b ? $"  {b:N0} bytes" : "")}  {url}"));
        return Percentile(50);
    }
}
