using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace StudyHub.Benchmarks;

/// What an open Blazor Server circuit costs the app that holds it: one Chromium tab per circuit, the app's live heap
/// (after the full collection dotnet-gcdump makes) and resident memory with one tab open, then with that many more.
/// Run against StudyHub's note page (its discussion panel) and the Blazor template's counter page alike
/// (bench/circuits/run.sh), so that the two figures come from one way of measuring.
static partial class CircuitMemory
{
    public static async Task RunAsync(Uri page, int pid, int circuits, string ready, (string Email, string Password)? signIn)
    {
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new()
        {
            Headless = true,
            ExecutablePath = File.Exists("/usr/bin/chromium") ? "/usr/bin/chromium" : null,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
        var context = await browser.NewContextAsync(new() { BaseURL = page.GetLeftPart(UriPartial.Authority) });
        if (signIn is var (email, password))
        {
            var login = await context.NewPageAsync();
            await login.GotoAsync("/account/login");
            await login.Locator("#login-email").FillAsync(email);
            await login.Locator("#login-password").FillAsync(password);
            await login.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
            await login.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).WaitForAsync();
            await login.CloseAsync();
        }

        // The first circuit pays for what every circuit shares (the renderer's caches, JIT); it stays open throughout.
        await OpenAsync(context, page, ready);
        await Task.Delay(TimeSpan.FromSeconds(5));
        var before = await MeasureAsync(pid);
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < circuits; i++)
        {
            await OpenAsync(context, page, ready);
        }
        Console.WriteLine($"opened {circuits} circuits in {watch.Elapsed.TotalSeconds:F0} s");
        await Task.Delay(TimeSpan.FromSeconds(10));
        var with = await MeasureAsync(pid);
        Console.WriteLine($"live heap: {before.Heap / 1024} KB with one circuit, {with.Heap / 1024} KB with {circuits + 1}: " +
            $"{(with.Heap - before.Heap) / circuits / 1024.0:F1} KB per circuit");
        Console.WriteLine($"resident: {before.Resident / 1024} KB with one circuit, {with.Resident / 1024} KB with {circuits + 1}: " +
            $"{(with.Resident - before.Resident) / circuits / 1024.0:F1} KB per circuit");
    }

    /// A tab at the page, once the page says its circuit is up (ready: a script expression, polled until it is true).
    static async Task OpenAsync(IBrowserContext context, Uri page, string ready)
    {
        var tab = await context.NewPageAsync();
        var console = new List<string>();
        tab.Console += (_, message) => console.Add(message.Text);
        await tab.GotoAsync(page.PathAndQuery);
        try
        {
            await tab.WaitForFunctionAsync($"() => {ready}", null, new() { PollingInterval = 250, Timeout = 60_000 });
        }
        catch (TimeoutException)
        {
            var open = context.Pages.Count - 1;
            throw new TimeoutException($"The circuit of tab {open} was not ready in 60 s ({ready}); the page says: " +
                await tab.EvaluateAsync<string>("() => [...document.querySelectorAll('[data-discussion], section, main')].slice(0, 3).map(e => e.outerHTML.split('>')[0]).join(' ')") + "\nIts console: " + string.Join("\n", console));
        }
    }

    static async Task<(long Heap, long Resident)> MeasureAsync(int pid)
    {
        var dump = Path.Combine(Path.GetTempPath(), $"circuits-{pid}-{Guid.NewGuid():N}.gcdump");
        try
        {
            await ToolAsync("collect", "-p", pid.ToString(CultureInfo.InvariantCulture), "-o", dump);
            var report = await ToolAsync("report", dump);
            var heap = long.Parse(HeapBytes().Match(report).Groups[1].Value.Replace(",", ""), CultureInfo.InvariantCulture);
            var resident = File.ReadLines($"/proc/{pid}/status").First(line => line.StartsWith("VmRSS:", StringComparison.Ordinal));
            return (heap, long.Parse(resident.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024);
        }
        finally
        {
            File.Delete(dump);
        }
    }

    static async Task<string> ToolAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet-gcdump") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        using var tool = Start(start);
        var output = await tool.StandardOutput.ReadToEndAsync();
        await tool.WaitForExitAsync();
        return tool.ExitCode == 0 ? output : throw new InvalidOperationException($"dotnet-gcdump {arguments[0]} failed: {await tool.StandardError.ReadToEndAsync()}");
    }

    static Process Start(ProcessStartInfo start)
    {
        try
        {
            return Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            throw new InvalidOperationException("Needs dotnet-gcdump on PATH: dotnet tool install -g dotnet-gcdump (PATH=$PATH:~/.dotnet/tools)");
        }
    }

    /// The report's first line: the bytes of every object the collection kept.
    [GeneratedRegex(@"([\d,]+)\s+GC Heap bytes")]
    private static partial Regex HeapBytes();
}
