using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using StudyHub.Web.Data;
using StudyHub.Web.Features.Import;

namespace StudyHub.Web.Features.Sync;

/// The command line's `vault-source` and `sync` (AdminCommands).
public static class SyncCommands
{
    public const string Usage = """
          vault-source <vault> folder <path> [--watch] [--every minutes]
          vault-source <vault> git <address> [--branch name] [--folder path] [--token-file file | --key-file file] [--every minutes]
                                        where the vault's files live; syncs it now, prints the webhook's secret once
          sync <vault>                  bring the vault in step with its source now
        """;

    /// Reads the settings from the arguments after the vault's name; null when they do not parse.
    public static SourceSettings? ReadSettings(string[] arguments)
    {
        if (arguments is not [var kind, var location, .. var options] || kind is not ("folder" or "git"))
        {
            return null;
        }
        var settings = new SourceSettings(kind == "git" ? SourceKind.Git : SourceKind.Folder, location);
        for (var i = 0; i < options.Length; i++)
        {
            string? Value() => i + 1 < options.Length ? options[++i] : null;
            switch (options[i])
            {
                case "--watch" when settings.Kind == SourceKind.Folder:
                    settings = settings with { Watch = true };
                    break;
                case "--every" when int.TryParse(Value(), NumberStyles.None, CultureInfo.InvariantCulture, out var minutes) && minutes > 0:
                    settings = settings with { EveryMinutes = minutes };
                    break;
                case "--branch" when settings.Kind == SourceKind.Git && Value() is { } branch:
                    settings = settings with { Branch = branch };
                    break;
                case "--folder" when settings.Kind == SourceKind.Git && Value() is { } folder:
                    settings = settings with { Subfolder = folder };
                    break;
                // Secrets come from files, never the command line, which every user of the machine can see.
                case "--token-file" or "--key-file" when settings.Kind == SourceKind.Git && settings.Credential is null && Value() is { } file:
                    settings = settings with { Credential = File.Exists(file) ? File.ReadAllText(file) : "" };
                    if (settings.Credential.Length == 0)
                    {
                        Console.Error.WriteLine($"vault-source: no credential in {Path.GetFullPath(file)}");
                        return null;
                    }
                    break;
                default:
                    return null;
            }
        }
        return settings;
    }

    public static async Task<int> SetSourceAsync(IServiceProvider services, string vaultName, SourceSettings settings)
    {
        await using var scope = services.CreateAsyncScope();
        try
        {
            var (source, webhookSecret, first) = await scope.ServiceProvider.GetRequiredService<VaultSync>().ConfigureAsync(vaultName, settings, default);
            await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<StudyHubDbContext>>().CreateDbContextAsync();
            var slug = await db.Vaults.Where(v => v.Id == source.VaultId).Select(v => v.Slug).SingleAsync();
            Console.WriteLine($"{vaultName} syncs from {source.Describe()}.");
            Console.WriteLine(first.Report?.ToString() ?? first.Message);
            Console.WriteLine($"Webhook: POST /api/vaults/{slug}/push, content type application/json, push events");
            Console.WriteLine($"Webhook secret (shown only now): {webhookSecret}");
            return 0;
        }
        catch (Exception refused) when (refused is SourceUnavailableException or VaultRejectedException)
        {
            Console.Error.WriteLine($"vault-source: {refused.Message}");
            return 2;
        }
    }

    public static async Task<int> SyncAsync(IServiceProvider services, string vaultName)
    {
        await using var scope = services.CreateAsyncScope();
        await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<StudyHubDbContext>>().CreateDbContextAsync();
        var vaultId = await db.Vaults.Where(v => v.Name == vaultName || v.Slug == vaultName).Select(v => (Guid?)v.Id).SingleOrDefaultAsync();
        if (vaultId is null)
        {
            Console.Error.WriteLine($"sync: no vault named {vaultName}");
            return 2;
        }
        var started = Stopwatch.GetTimestamp();
        var outcome = await scope.ServiceProvider.GetRequiredService<VaultSync>().SyncAsync(vaultId.Value, "command", default);
        var took = Stopwatch.GetElapsedTime(started).TotalSeconds;
        (outcome.Result == SyncResult.Failed ? Console.Error : Console.Out).WriteLine(outcome.Report?.ToString() ?? outcome.Message);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Synced in {took:0.00} s: {outcome.Message}"));
        return outcome.Result == SyncResult.Failed ? 2 : 0;
    }
}
