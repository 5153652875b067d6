using BenchmarkDotNet.Running;
using StudyHub.Benchmarks;

// dotnet run -c Release --project bench/StudyHub.Benchmarks -- <command>; see docs/benchmarks.md.
switch (args)
{
    case ["generate-vault", var folder, .. var options]:
        VaultGenerator.Write(folder, notes: IntOption(options, "--notes", 10_000), seed: IntOption(options, "--seed", 1),
            largeNoteBytes: IntOption(options, "--large-note-bytes", 0));
        Console.WriteLine($"Wrote a generated vault to {folder}");
        break;
    case ["import-throughput", var vault, .. var options]:
        await ImportThroughput.RunAsync(vault, runs: IntOption(options, "--runs", 3));
        break;
    case ["sync-cost", var vault, .. var options]:
        await SyncCost.RunAsync(vault, repeats: IntOption(options, "--repeats", 5));
        break;
    case ["attachment-memory", .. var options]:
        await AttachmentMemory.RunAsync(downloads: IntOption(options, "--downloads", 5));
        break;
    case ["search-latency", var app, .. var options]:
        await SearchLatency.RunAsync(new Uri(app), requests: IntOption(options, "--requests", 400));
        break;
    case ["large-note-cost", var app, .. var options]:
        await LargeNoteCost.RunAsync(new Uri(app), requests: IntOption(options, "--requests", 20));
        break;
    case ["circuit-memory", var page, .. var options]:
        await CircuitMemory.RunAsync(new Uri(page), pid: IntOption(options, "--pid", 0), circuits: IntOption(options, "--circuits", 50),
            ready: TextOption(options, "--ready") ?? "true",
            signIn: TextOption(options, "--email") is { } email ? (email, TextOption(options, "--password") ?? "") : null);
        break;
    case ["reader-load", ..]:
        await ReaderLoad.RunAsync(args[1..]);
        break;
    default:
        BenchmarkSwitcher.FromAssembly(typeof(RenderBenchmarks).Assembly).Run(args);
        break;
}

static string? TextOption(string[] options, string name)
{
    var at = Array.IndexOf(options, name);
    return at >= 0 && at + 1 < options.Length ? options[at + 1] : null;
}

static int IntOption(string[] options, string name, int fallback)
{
    var at = Array.IndexOf(options, name);
    return at >= 0 && at + 1 < options.Length && int.TryParse(options[at + 1], out var value) ? value : fallback;
}
