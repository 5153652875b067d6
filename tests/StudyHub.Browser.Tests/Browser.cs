using Microsoft.Playwright;

namespace StudyHub.Browser.Tests;

/// One headless Chromium for the test run, found in order: STUDYHUB_CHROMIUM, /usr/bin/chromium,
/// then the browsers Playwright installed itself.
public static class Browser
{
    const string EnvironmentVariable = "STUDYHUB_CHROMIUM";
    static readonly Lazy<Task<IBrowser>> Shared = new(LaunchAsync);

    public static Task<IBrowser> GetAsync() => Shared.Value;

    static async Task<IBrowser> LaunchAsync()
    {
        var playwright = await Playwright.CreateAsync();
        var executable = FindExecutable();
        var options = new BrowserTypeLaunchOptions
        {
            Headless = true,
            ExecutablePath = executable,
            // As root Chromium needs --no-sandbox; the rest keep it off a network it cannot reach.
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                    "--disable-sync", "--no-first-run", "--disable-quic",
                    // A click on a time plays the lecture; headless Chromium would otherwise hold media back.
                    "--autoplay-policy=no-user-gesture-required"],
        };
        try
        {
            return await playwright.Chromium.LaunchAsync(options);
        }
        catch (PlaywrightException exception)
        {
            throw new InvalidOperationException(
                $"Browser tests need Chromium and could not launch it ({exception.Message.Split('\n')[0]}). " +
                $"Set {EnvironmentVariable} to a Chromium or Chrome executable, install Debian's chromium " +
                "(apt-get install -y chromium, giving /usr/bin/chromium), or install Playwright's browsers " +
                "(pwsh bin/Debug/net10.0/playwright.ps1 install chromium).", exception);
        }
    }

    static string? FindExecutable()
    {
        if (Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } configured)
        {
            return File.Exists(configured)
                ? configured
                : throw new InvalidOperationException($"{EnvironmentVariable} names {configured}, which does not exist.");
        }
        return File.Exists("/usr/bin/chromium") ? "/usr/bin/chromium" : null;
    }
}
