using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using StudyHub.Web.Data;
using StudyHub.Web.Features.Accounts;
using StudyHub.Web.Features.Import;
using StudyHub.Web.Features.Sync;
using StudyHub.Web.Features.Vaults;

namespace StudyHub.Web.Features.Admin;

/// Maintenance commands that run on the same binary as the web app: `StudyHub.Web migrate`, `StudyHub.Web import <path>`.
public static class AdminCommands
{
    const string Usage = """
        Usage: StudyHub.Web [command]
          (no command)                  run the web app
          migrate                       apply database migrations
          import <path> [--vault name]  import an Obsidian vault folder or .zip
          create-admin <email> [--password pw]  create an admin (or make a user one); prints a generated password once
          vault-access <vault> public|members   who may read a vault: everyone, or only people signed in
          vault-edit-links <vault> <address with {path}>|none   an "Edit this note" link on each note, such as
                                        https://github.com/us/notes/edit/main/{path}
        """ + "\n" + SyncCommands.Usage;

    public static bool IsCommand(string[] args) => args.Length > 0 && !args[0].StartsWith('-');

    public static async Task<int> RunAsync(WebApplication app, string[] args)
    {
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("StudyHub.Admin");
        try
        {
            switch (args)
            {
                case ["migrate"]:
                    await DatabaseMigrator.MigrateAsync(app.Services, logger, default);
                    return 0;
                case ["import", var path, .. var options]:
                    if (!TryReadVaultName(options, out var vault))
                    {
                        Console.Error.WriteLine(Usage);
                        return 2;
                    }
                    if (!Directory.Exists(path) && !File.Exists(path))
                    {
                        Console.Error.WriteLine($"import: no vault folder or .zip at {Path.GetFullPath(path)}");
                        return 2;
                    }
                    await DatabaseMigrator.MigrateAsync(app.Services, logger, default);
                    try
                    {
                        Console.WriteLine(await app.Services.GetRequiredService<VaultImporter>().ImportAsync(path, vault, default));
                        return 0;
                    }
                    catch (VaultRejectedException rejected)
                    {
                        Console.Error.WriteLine($"import: {rejected.Message}");
                        return 2;
                    }
                case ["create-admin", var email, .. var options] when options is [] or ["--password", _]:
                    await DatabaseMigrator.MigrateAsync(app.Services, logger, default);
                    return await CreateAdminAsync(app, email, options is [_, var password] ? password : null);
                case ["vault-access", var vaultName, var access] when access is "public" or "members":
                    await DatabaseMigrator.MigrateAsync(app.Services, logger, default);
                    return await SetVaultAccessAsync(app, vaultName, membersOnly: access == "members");
                case ["vault-edit-links", var vaultName, var template]:
                    await DatabaseMigrator.MigrateAsync(app.Services, logger, default);
                    return await SetEditLinksAsync(app, vaultName, template == "none" ? null : template);
                case ["vault-source", var vaultName, .. var source] when SyncCommands.ReadSettings(source) is { } settings:
                    await DatabaseMigrator.MigrateAsync(app.Services, logger, default);
                    return await SyncCommands.SetSourceAsync(app.Services, vaultName, settings);
                case ["sync", var vaultName]:
                    await DatabaseMigrator.MigrateAsync(app.Services, logger, default);
                    return await SyncCommands.SyncAsync(app.Services, vaultName);
                default:
                    Console.Error.WriteLine($"Unknown command: {string.Join(' ', args)}");
                    Console.Error.WriteLine(Usage);
                    return 2;
            }
        }
        finally
        {
            await app.DisposeAsync();
        }
    }

    static async Task<int> SetVaultAccessAsync(WebApplication app, string vaultName, bool membersOnly)
    {
        await using var db = (await app.Services.GetRequiredService<IDbContextFactory<StudyHubDbContext>>().CreateDbContextAsync()).ReadingAsSystem();
        if (await VaultNamedAsync(db, "vault-access", vaultName) is not { } vault)
        {
            return 2;
        }
        if (vault.MembersOnly != membersOnly)
        {
            vault.MembersOnly = membersOnly;
            vault.AccessChangedAt = app.Services.GetRequiredService<TimeProvider>().GetUtcNow();
            await db.SaveChangesAsync();
        }
        Console.WriteLine(membersOnly ? $"{vault.Name} is readable by members only." : $"{vault.Name} is readable by everyone.");
        return 0;
    }

    static async Task<int> SetEditLinksAsync(WebApplication app, string vaultName, string? template)
    {
        await using var db = (await app.Services.GetRequiredService<IDbContextFactory<StudyHubDbContext>>().CreateDbContextAsync()).ReadingAsSystem();
        if (await VaultNamedAsync(db, "vault-edit-links", vaultName) is not { } vault)
        {
            return 2;
        }
        if (EditLinks.Set(vault, template) is { } problem)
        {
            Console.Error.WriteLine($"vault-edit-links: {problem}");
            return 2;
        }
        await db.SaveChangesAsync();
        Console.WriteLine(vault.EditLinks is null ? $"{vault.Name}'s notes show no edit link." : $"{vault.Name}'s notes link to {vault.EditLinks}.");
        return 0;
    }

    /// The vault by its name or slug; when there is none, says so with the vaults there are.
    static async Task<Vault?> VaultNamedAsync(StudyHubDbContext db, string command, string vaultName)
    {
        var vault = await db.Vaults.SingleOrDefaultAsync(v => v.Name == vaultName || v.Slug == vaultName);
        if (vault is null)
        {
            Console.Error.WriteLine($"{command}: no vault named {vaultName}; vaults: {string.Join(", ", await db.Vaults.Select(v => v.Name).ToListAsync())}");
        }
        return vault;
    }

    static async Task<int> CreateAdminAsync(WebApplication app, string email, string? password)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StudyHubUser>>();
        var existed = await users.FindByEmailAsync(email) is not null;
        var generated = password is null && !existed ? Admins.GeneratePassword() : null;
        var result = await Admins.CreateAsync(users, email, password ?? generated ?? "", app.Services.GetRequiredService<TimeProvider>().GetUtcNow());
        if (!result.Succeeded)
        {
            Console.Error.WriteLine($"create-admin: {Admins.Describe(result)}");
            return 2;
        }
        Console.WriteLine(existed ? $"{email} is an admin (their password is unchanged)." : $"Created admin {email}.");
        if (generated is not null)
        {
            Console.WriteLine($"Password (shown only now): {generated}");
        }
        return 0;
    }

    static bool TryReadVaultName(string[] options, out string? vault)
    {
        vault = null;
        switch (options)
        {
            case []:
                return true;
            case ["--vault", var name]:
                vault = name;
                return true;
            default:
                return false;
        }
    }
}
