using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using StudyHub.Web.Data;
using StudyHub.Web.Features.Accounts;
using StudyHub.Web.Features.Import;
using Xunit;

namespace StudyHub.Testing;

/// The app under test on its own database. Tests talk to it in the user's words.
public class StudyHubApp : WebApplicationFactory<Program>, IAsyncLifetime
{
    TestDatabase? _database;
    readonly bool _ownsDatabase = true;

    public StudyHubApp()
    {
    }

    StudyHubApp(TestDatabase database) => (_database, _ownsDatabase) = (database, false);

    /// Every email the app sent: confirmation links, password resets.
    public SentEmails Emails { get; } = new();

    public TestDatabase Database => _database ?? throw new InvalidOperationException("The app's database is created in InitializeAsync.");

    public virtual async Task InitializeAsync() => _database = await TestDatabase.CreateAsync();

    /// A second instance of the app on this one's database, as when several run behind a load balancer. It has the
    /// plain test configuration and leaves the database to this instance; dispose it first.
    public StudyHubApp AnotherInstance() => new(Database);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        // Outside Development the build's static web assets manifest is not read unless asked for.
        builder.UseStaticWebAssets();
        builder.UseSetting($"ConnectionStrings:{DatabaseEndpoint.ConnectionStringName}", Database.ConnectionString);
        builder.UseSetting("Database:MigrateOnStartup", "false");
        builder.UseSetting("Import:SampleVaultWhenEmpty", "false");
        // Suites sign in and post far more often than a person could; the rate limits have their own tests.
        builder.UseSetting("Accounts:SignInPermitsPerMinute", "100000");
        builder.UseSetting("Discussion:PostsPerMinute", "100000");
        builder.ConfigureTestServices(services => services.AddSingleton<IEmailSender>(Emails));
    }

    public const string Password = "correct horse battery staple";

    /// A user with a confirmed address who can sign in with <see cref="Password"/> unless another is given; with no role when role is null,
    /// and the default display name when none is given.
    public async Task CreateUserAsync(string email, string? role = Roles.Member, string password = Password, string? displayName = null)
    {
        using var scope = Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StudyHubUser>>();
        var user = StudyHubUser.For(email, DateTimeOffset.UtcNow, displayName);
        user.EmailConfirmed = true;
        Check(await users.CreateAsync(user, password));
        if (role is not null)
        {
            Check(await users.AddToRoleAsync(user, role));
        }

        static void Check(IdentityResult result)
        {
            if (!result.Succeeded)
            {
                throw new InvalidOperationException(string.Join(" ", result.Errors.Select(error => error.Description)));
            }
        }
    }

    /// Posts the sign-in form as a browser would; the client keeps the session cookie. Returns the page after redirects.
    public static Task<HttpResponseMessage> SignInAsync(HttpClient client, string email, string password = Password, string? returnUrl = null) =>
        PostFormAsync(client, returnUrl is null ? "/account/login" : $"/account/login?ReturnUrl={Uri.EscapeDataString(returnUrl)}", "login",
            new() { ["Input.Email"] = email, ["Input.Password"] = password });

    /// Opens the page, then posts its static form named <paramref name="formName"/> with the page's antiforgery token.
    public static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, string url, string formName, Dictionary<string, string> fields) =>
        await PostFormAsync(client, url, formName, fields, await FormTokenAsync(client, url));

    /// Posts the static form named <paramref name="formName"/> with a token <see cref="FormTokenAsync"/> read, perhaps by another client.
    public static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, string url, string formName, Dictionary<string, string> fields, string token)
    {
        var form = new Dictionary<string, string>(fields)
        {
            ["_handler"] = formName,
            ["__RequestVerificationToken"] = token,
        };
        using var content = new FormUrlEncodedContent(form);
        return await client.PostAsync(new Uri(url, UriKind.Relative), content);
    }

    /// Opens the page and reads the antiforgery token of its forms.
    public static async Task<string> FormTokenAsync(HttpClient client, string url)
    {
        // A refused caller lands on /account/denied, which answers 403 but still carries the layout's token.
        using var opened = await client.GetAsync(new Uri(url, UriKind.Relative));
        var page = await opened.Content.ReadAsStringAsync();
        var token = Regex.Match(page, "<input[^>]*name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"");
        return token.Success
            ? WebUtility.HtmlDecode(token.Groups[1].Value)
            : throw new InvalidOperationException($"{url} has no antiforgery token to post with.");
    }

    /// A client that calls the API as the note page's script does: signed in as <paramref name="email"/> (anonymous
    /// when null), sending the antiforgery token with every request unless told not to, and showing redirects
    /// rather than following them.
    public async Task<HttpClient> ClientAsync(string? email, bool antiforgeryToken = true)
    {
        var client = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        if (email is null)
        {
            return client;
        }
        using (var signedIn = await SignInAsync(client, email))
        {
            if (signedIn.StatusCode != HttpStatusCode.Redirect)
            {
                throw new InvalidOperationException($"{email} could not sign in: the form answered {(int)signedIn.StatusCode}.");
            }
        }
        if (antiforgeryToken)
        {
            var token = await client.GetFromJsonAsync<JsonElement>(new Uri("/api/antiforgery", UriKind.Relative));
            client.DefaultRequestHeaders.Add(token.GetProperty("headerName").GetString()!, token.GetProperty("token").GetString());
        }
        return client;
    }

    public async Task<ImportReport> ImportVaultAsync(string source, string? vault = null)
    {
        using var scope = Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<VaultImporter>().ImportAsync(source, vault, default);
    }

    /// Waits until this many instances of the app listen for discussion changes on its database: an instance hears
    /// nothing of what is announced before.
    public async Task ListeningAsync(int instances)
    {
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await using var connection = new NpgsqlConnection(Database.ConnectionString);
        await connection.OpenAsync(patience.Token);
        await using var listeners = new NpgsqlCommand(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND query LIKE 'LISTEN %'", connection);
        while ((long)(await listeners.ExecuteScalarAsync(patience.Token))! < instances)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(50), patience.Token);
        }
    }

    public Task<ImportReport> ImportSampleVaultAsync() => ImportVaultAsync(RepositoryFiles.SampleVault, "cs224n");

    /// Starts the app on real Kestrel on a free loopback port, for browsers, and returns its address.
    public Uri StartKestrel()
    {
        UseKestrel(0);
        StartServer();
        var address = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal));
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (_database is not null && _ownsDatabase)
        {
            await _database.DisposeAsync();
            _database = null;
        }
        GC.SuppressFinalize(this);
    }

    Task IAsyncLifetime.DisposeAsync() => DisposeAsync().AsTask();
}
