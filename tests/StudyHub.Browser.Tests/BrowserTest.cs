using Microsoft.Playwright;
using StudyHub.Testing;

namespace StudyHub.Browser.Tests;

/// The app on real Kestrel with the sample vault, and a fresh browser page per test. On failure the
/// page's screenshot is kept under TestResults for a look at what the user saw.
public abstract class BrowserTest(BrowserApp app) : IClassFixture<BrowserApp>, IAsyncLifetime
{
    IBrowserContext? _context;
    readonly List<string> _console = [];

    protected IPage Page { get; private set; } = null!;
    protected BrowserApp App => app;
    protected Uri BaseAddress => app.Address;

    public async Task InitializeAsync()
    {
        var browser = await Browser.GetAsync();
        _context = await browser.NewContextAsync(ContextOptions(new() { BaseURL = app.Address.ToString() }));
        // Expectations wait as long as actions: a shared CI machine can take seconds over a cold page.
        _context.SetDefaultTimeout(15_000);
        Assertions.SetDefaultExpectTimeout(15_000);
        Page = await _context.NewPageAsync();
        Page.Console += (_, message) => _console.Add($"{message.Type}: {message.Text}");
        Page.PageError += (_, error) => _console.Add($"page error: {error}");
    }

    public async Task DisposeAsync()
    {
        if (_context is not null)
        {
            await _context.DisposeAsync();
        }
    }

    /// The browser a test reads in; a phone's journey adds its screen and touch.
    protected virtual BrowserNewContextOptions ContextOptions(BrowserNewContextOptions options) => options;

    /// What the page wrote to its console, for assertions and failure messages.
    protected IReadOnlyList<string> ConsoleMessages => _console;

    /// Runs a journey and saves a screenshot named after it when it fails, with the page's console in the error.
    protected async Task JourneyAsync(string name, Func<Task> journey)
    {
        try
        {
            await journey();
        }
        catch (Exception failure)
        {
            var folder = Path.Combine(AppContext.BaseDirectory, "TestResults", "screenshots");
            Directory.CreateDirectory(folder);
            await Page.ScreenshotAsync(new() { Path = Path.Combine(folder, $"{name}.png"), FullPage = true });
            await File.WriteAllLinesAsync(Path.Combine(folder, $"{name}.console.txt"), _console);
            // CI keeps only its log, so the console travels in the message.
            throw new JourneyFailedException($"{failure.Message}\nThe page's console:\n{string.Join('\n', _console)}", failure);
        }
    }
}

public sealed class JourneyFailedException(string message, Exception inner) : Exception(message, inner);

public class BrowserApp : StudyHubApp
{
    public Uri Address { get; private set; } = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        Address = StartKestrel();
        await ImportSampleVaultAsync();
    }
}
