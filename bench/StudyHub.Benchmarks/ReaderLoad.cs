using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace StudyHub.Benchmarks;

/// The load model of docs/benchmarks.md ("Readers under load"): requests arrive at a fixed rate whatever the answers
/// take (an open model, so a slow server meets the same demand rather than a politely waiting client), 90 % of them
/// from anonymous readers and 10 % from signed-in ones, who also hold a live discussion stream each and annotate,
/// comment and reply with ids of their own, sending a post again with its id after no answer, 502, 503 or 504.
/// Prints one line per interval and a summary; writes every post's id and statuses, and every stream event, to files
/// so that a script can count them against the database.
static partial class ReaderLoad
{
    sealed record Options(Uri Site, double Rate, int Seconds, int Interval, int SignedIn, string Email, string Password,
        string? Attachment, string Output);

    sealed class Window
    {
        public readonly ConcurrentBag<double> Milliseconds = [];
        // Those of the requests answered as asked: refusals (503 at once) would make an overloaded server look quick.
        public readonly ConcurrentBag<double> Answered = [];
        public readonly ConcurrentDictionary<string, int> Failures = new();
        public int Requests;
        public int Dropped;
    }

    // Anonymous: what a reader does, by share of requests.
    static readonly (string Kind, int Weight)[] AnonymousMix =
        [("note", 40), ("search", 15), ("switcher", 15), ("preview", 15), ("graph", 5), ("attachment", 10)];

    // Where answers are counted: the interval in which they arrive.
    static volatile Window current = new();

    const string DiscussedNote = "multimodal-deep-learning";
    // Streams watch a note nobody posts to in the load, so that an event after the first one is a "look again".
    const string WatchedNote = "yann-lecun";
    static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);
    static readonly int[] RetryDelaysSeconds = [1, 2, 4, 8];

    public static async Task RunAsync(string[] args)
    {
        var options = new Options(new Uri(args[0]), Number(args, "--rate", 100), (int)Number(args, "--seconds", 30),
            (int)Number(args, "--interval", 10), (int)Number(args, "--signed-in", 0), Text(args, "--email") ?? "poster@example.org",
            Text(args, "--password") ?? "correct horse battery staple", Text(args, "--attachment"), Text(args, "--out") ?? ".");
        Directory.CreateDirectory(options.Output);
        using var anonymous = Client(options.Site);
        var notes = await NoteAddressesAsync(anonymous);
        var words = notes.SelectMany(a => a.Split('/', '-')).Where(w => w.Length > 3).Distinct().ToArray();
        var readers = await SignInAsync(options, options.SignedIn);
        var run = Guid.NewGuid().ToString("N")[..8];
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(options.Seconds));
        var events = new StreamWriter(Path.Combine(options.Output, "stream-events.txt"));
        var streams = readers.Select((reader, n) => HoldStreamAsync(reader, n, events, stop.Token)).ToArray();
        var posts = new StreamWriter(Path.Combine(options.Output, "posts.txt"));
        var annotations = new ConcurrentQueue<Guid>();

        Console.WriteLine($"load {run}: {options.Rate} requests/s for {options.Seconds} s, {readers.Count} signed-in readers, {notes.Length} notes");
        Console.WriteLine("second | requests | per s | p50 ms | p95 ms | p99 ms | max ms | failures | not sent");
        var windows = new List<Window>();
        var total = new Window();
        var inFlight = new List<Task>();
        var clock = Stopwatch.StartNew();
        var sent = 0L;
        while (!stop.IsCancellationRequested)
        {
            var index = (int)(clock.Elapsed.TotalSeconds / options.Interval);
            while (windows.Count <= index)
            {
                if (windows.Count > 0)
                {
                    Report(windows.Count * options.Interval, current, options.Interval);
                }
                windows.Add(current = new Window());
            }
            var due = (long)(clock.Elapsed.TotalSeconds * options.Rate);
            inFlight.RemoveAll(t => t.IsCompleted);
            for (; sent < due; sent++)
            {
                // Beyond this many unanswered requests the client, not the server, would be measured.
                if (inFlight.Count > 4000)
                {
                    Interlocked.Increment(ref current.Dropped);
                    Interlocked.Increment(ref total.Dropped);
                    continue;
                }
                var signedIn = readers.Count > 0 && Random.Shared.Next(10) == 0;
                inFlight.Add(signedIn
                    ? SignedInAsync(readers[Random.Shared.Next(readers.Count)], run, posts, annotations, total)
                    : AnonymousAsync(anonymous, notes, words, options.Attachment, total));
            }
            await Task.Delay(5, CancellationToken.None);
        }
        await Task.WhenAll(inFlight);
        Report(windows.Count * options.Interval, current, options.Interval);
        await Task.WhenAll(streams);
        await events.DisposeAsync();
        await posts.DisposeAsync();
        var sorted = total.Milliseconds.Order().ToArray();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"total: {total.Requests} requests, {total.Requests / (double)options.Seconds:0} per s, p50 {Percentile(sorted, 50):0.0} ms, " +
            $"p95 {Percentile(sorted, 95):0.0} ms, p99 {Percentile(sorted, 99):0.0} ms, max {(sorted.Length > 0 ? sorted[^1] : 0):0} ms, " +
            $"failures {total.Failures.Values.Sum()} ({Failures(total)}), not sent {total.Dropped}"));
        var answered = total.Answered.Order().ToArray();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"answered: {answered.Length / (double)options.Seconds:0} per s, p95 {Percentile(answered, 95):0.0} ms"));
        var statuses = File.ReadLines(Path.Combine(options.Output, "posts.txt")).Select(line => line.Split(' ')[2]).ToList();
        Console.WriteLine($"posts: {statuses.Count}, acknowledged {statuses.Count(p => p.EndsWith("201", StringComparison.Ordinal))}, " +
            $"after more than one attempt {statuses.Count(p => p.Contains(',', StringComparison.Ordinal))} (run {run})");
    }

    static HttpClient Client(Uri site) =>
        new(new SocketsHttpHandler
        {
            MaxConnectionsPerServer = 1024,
            AllowAutoRedirect = false,
            UseCookies = false,
            PooledConnectionLifetime = TimeSpan.FromMinutes(1),
        })
        { BaseAddress = site, Timeout = Timeout.InfiniteTimeSpan };

    static async Task<string[]> NoteAddressesAsync(HttpClient client)
    {
        var sitemap = await client.GetStringAsync(new Uri("/sitemap.xml", UriKind.Relative));
        // Past Sitemap:NotesPerFile notes, the sitemap is an index of sitemaps of that many notes each.
        var parts = SitemapLocation().Matches(sitemap).Select(m => new Uri(m.Groups[1].Value)).ToList();
        var pages = parts.Count == 0 ? [sitemap] : await Task.WhenAll(parts.Select(part => client.GetStringAsync(part)));
        return [.. pages.SelectMany(page => NoteLocation().Matches(page).Select(m => m.Groups[1].Value))];
    }

    sealed record SignedInReader(HttpClient Client);

    /// The cookies are sent by hand: the app marks them Secure, which HttpClient keeps from plain http even on loopback.
    static async Task<List<SignedInReader>> SignInAsync(Options options, int count)
    {
        var readers = new ConcurrentBag<SignedInReader>();
        await Parallel.ForAsync(0, count, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (_, _) =>
        {
            var client = Client(options.Site);
            var cookies = new Dictionary<string, string>();
            void Keep(HttpResponseMessage response)
            {
                foreach (var cookie in response.Headers.TryGetValues("Set-Cookie", out var set) ? set : [])
                {
                    var pair = cookie.Split(';')[0].Split('=', 2);
                    cookies[pair[0]] = pair[1];
                }
                client.DefaultRequestHeaders.Remove("Cookie");
                client.DefaultRequestHeaders.Add("Cookie", string.Join("; ", cookies.Select(c => $"{c.Key}={c.Value}")));
            }
            using var login = await client.GetAsync(new Uri("/account/login", UriKind.Relative));
            Keep(login);
            var token = FormToken().Match(await login.Content.ReadAsStringAsync()).Groups[1].Value;
            using var signIn = await client.PostAsync(new Uri("/account/login", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["_handler"] = "login", ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token),
                ["Input.Email"] = options.Email, ["Input.Password"] = options.Password,
            }));
            if (signIn.StatusCode != HttpStatusCode.Redirect)
            {
                throw new InvalidOperationException($"Signing in as {options.Email} answered {(int)signIn.StatusCode}; create the account first (create-admin).");
            }
            Keep(signIn);
            using var antiforgery = await client.GetAsync(new Uri("/api/antiforgery", UriKind.Relative));
            Keep(antiforgery);
            var json = await antiforgery.Content.ReadFromJsonAsync<JsonElement>();
            client.DefaultRequestHeaders.Add("RequestVerificationToken", json.GetProperty("token").GetString());
            readers.Add(new SignedInReader(client));
        });
        return [.. readers];
    }

    /// As the note page's EventSource does: open, read events, open again a second after the stream ends or fails.
    static async Task HoldStreamAsync(SignedInReader reader, int number, StreamWriter events, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            try
            {
                using var response = await reader.Client.GetAsync(new Uri($"/api/notes/{WatchedNote}/discussion/events", UriKind.Relative),
                    HttpCompletionOption.ResponseHeadersRead, stop);
                Log(events, number, $"open {(int)response.StatusCode}");
                using var body = new StreamReader(await response.Content.ReadAsStreamAsync(stop));
                while (await body.ReadLineAsync(stop) is { } line)
                {
                    if (line.StartsWith("data:", StringComparison.Ordinal))
                    {
                        Log(events, number, line);
                    }
                }
                Log(events, number, "ended");
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception failure) when (failure is HttpRequestException or IOException)
            {
                Log(events, number, "failed");
            }
            await Task.Delay(1000, CancellationToken.None);
        }
    }

    static void Log(StreamWriter writer, int number, string what)
    {
        lock (writer)
        {
            writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() / 1000.0:0.000} {number} {what}"));
        }
    }

    static Task AnonymousAsync(HttpClient client, string[] notes, string[] words, string? attachment, Window total)
    {
        var roll = Random.Shared.Next(100);
        var kind = AnonymousMix.First(k => (roll -= k.Weight) < 0).Kind;
        if (kind == "attachment" && attachment is null)
        {
            kind = "note";
        }
        var address = notes[Random.Shared.Next(notes.Length)];
        var word = words[Random.Shared.Next(words.Length)];
        var request = new HttpRequestMessage(HttpMethod.Get, kind switch
        {
            "note" => $"/notes/{address}",
            "search" => $"/search?q={word}",
            "switcher" => $"/api/switcher?q={word[..3]}",
            "preview" => $"/api/previews/{address}",
            "graph" => $"/api/graph?center={DiscussedNote}",
            _ => attachment,
        });
        if (kind == "attachment")
        {
            var from = Random.Shared.Next(0, 1 << 20);
            request.Headers.Range = new System.Net.Http.Headers.RangeHeaderValue(from, from + 65_535);
        }
        return TimedAsync(client, request, total, kind);
    }

    static async Task TimedAsync(HttpClient client, HttpRequestMessage request, Window total, string kind)
    {
        var started = Stopwatch.GetTimestamp();
        string? failure;
        try
        {
            using var timeout = new CancellationTokenSource(Patience);
            using var response = await client.SendAsync(request, timeout.Token);
            await response.Content.CopyToAsync(Stream.Null, timeout.Token);
            failure = (int)response.StatusCode < 400 ? null : $"{kind} {(int)response.StatusCode}";
        }
        catch (Exception error) when (error is HttpRequestException or OperationCanceledException or IOException)
        {
            failure = $"{kind} {(error is OperationCanceledException ? "timeout" : "no answer")}";
        }
        finally
        {
            request.Dispose();
        }
        Count(total, Stopwatch.GetElapsedTime(started).TotalMilliseconds, failure);
    }

    static void Count(Window total, double milliseconds, string? failure)
    {
        foreach (var w in new[] { current, total })
        {
            Interlocked.Increment(ref w.Requests);
            w.Milliseconds.Add(milliseconds);
            if (failure is not null)
            {
                w.Failures.AddOrUpdate(failure, 1, (_, n) => n + 1);
            }
            else
            {
                w.Answered.Add(milliseconds);
            }
        }
    }

    /// Reads the discussed note and its thread, or posts to it: a comment, an annotation, a reply to an annotation of this run.
    static Task SignedInAsync(SignedInReader reader, string run, StreamWriter posts, ConcurrentQueue<Guid> annotations, Window total)
    {
        var roll = Random.Shared.Next(100);
        if (roll < 50)
        {
            return TimedAsync(reader.Client, new HttpRequestMessage(HttpMethod.Get, $"/notes/cs224n/lectures/{DiscussedNote}"), total, "signed-in note");
        }
        if (roll < 70)
        {
            return TimedAsync(reader.Client, new HttpRequestMessage(HttpMethod.Get, $"/api/notes/{DiscussedNote}/comments"), total, "signed-in thread");
        }
        var id = Guid.NewGuid();
        var body = $"load {run} {id}";
        if (roll < 85 || (roll >= 95 && annotations.IsEmpty))
        {
            return PostAsync(reader, $"/api/notes/{DiscussedNote}/comments", new { id, body, visibility = "Members" }, id, "comment", posts, total, null);
        }
        if (roll < 95)
        {
            return PostAsync(reader, $"/api/notes/{DiscussedNote}/annotations", new { id, quote = "Multimodal", body, visibility = "Members" }, id, "annotation",
                posts, total, annotations);
        }
        annotations.TryPeek(out var parent);
        return PostAsync(reader, $"/api/annotations/{parent}/replies", new { id, body, visibility = "Members" }, id, "reply", posts, total, null);
    }

    /// Each attempt is one request in the figures; the post is acknowledged when an attempt answers 201.
    static async Task PostAsync(SignedInReader reader, string path, object content, Guid id, string kind, StreamWriter posts,
        Window total, ConcurrentQueue<Guid>? created)
    {
        var statuses = new List<string>();
        for (var attempt = 0; ; attempt++)
        {
            var started = Stopwatch.GetTimestamp();
            string status;
            try
            {
                using var timeout = new CancellationTokenSource(Patience);
                using var response = await reader.Client.PostAsJsonAsync(new Uri(path, UriKind.Relative), content, timeout.Token);
                status = ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture);
            }
            catch (Exception error) when (error is HttpRequestException or OperationCanceledException or IOException)
            {
                status = "000";
            }
            statuses.Add(status);
            Count(total, Stopwatch.GetElapsedTime(started).TotalMilliseconds, status == "201" ? null : $"{kind} {status}");
            if (status is not ("000" or "502" or "503" or "504") || attempt == RetryDelaysSeconds.Length)
            {
                break;
            }
            await Task.Delay(TimeSpan.FromSeconds(RetryDelaysSeconds[attempt]));
        }
        if (statuses[^1] == "201")
        {
            created?.Enqueue(id);
        }
        lock (posts)
        {
            posts.WriteLine($"{kind} {id} {string.Join(',', statuses)}");
        }
    }

    static void Report(int second, Window window, int interval)
    {
        var sorted = window.Milliseconds.Order().ToArray();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{second} | {window.Requests} | {window.Requests / (double)interval:0} | {Percentile(sorted, 50):0.0} | {Percentile(sorted, 95):0.0} | " +
            $"{Percentile(sorted, 99):0.0} | {(sorted.Length > 0 ? sorted[^1] : 0):0} | {window.Failures.Values.Sum()} {Failures(window)} | {window.Dropped}"));
    }

    static string Failures(Window window) => string.Join(", ", window.Failures.OrderBy(f => f.Key).Select(f => $"{f.Key} ×{f.Value}"));

    static double Percentile(double[] sorted, int percent) =>
        sorted.Length == 0 ? 0 : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(percent / 100.0 * sorted.Length) - 1)];

    static double Number(string[] args, string name, double fallback)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length ? double.Parse(args[at + 1], CultureInfo.InvariantCulture) : fallback;
    }

    static string? Text(string[] args, string name)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length ? args[at + 1] : null;
    }

    [GeneratedRegex("<loc>https?://[^/]+/notes/([^<]+)</loc>")]
    private static partial Regex NoteLocation();

    [GeneratedRegex(@"<sitemap>\s*<loc>([^<]+)</loc>")]
    private static partial Regex SitemapLocation();

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]*)\"")]
    private static partial Regex FormToken();
}
