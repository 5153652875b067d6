using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace StudyHub.Web.Features.Accounts;

/// Creating an admin, shared by the `create-admin` command and the configured first admin.
public static class Admins
{
    public static string GeneratePassword() =>
        RandomNumberGenerator.GetString("abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789", 20);

    /// Creates the admin, or makes an existing user with that email an admin without touching their password.
    public static async Task<IdentityResult> CreateAsync(UserManager<StudyHubUser> users, string email, string password, DateTimeOffset now)
    {
        var user = await users.FindByEmailAsync(email);
        if (user is null)
        {
            // Whoever runs the command or writes the configuration vouches for the address.
            user = StudyHubUser.For(email, now);
            user.EmailConfirmed = true;
            var created = await users.CreateAsync(user, password);
            if (!created.Succeeded)
            {
                return created;
            }
        }
        return await users.IsInRoleAsync(user, Roles.Admin) ? IdentityResult.Success : await users.AddToRoleAsync(user, Roles.Admin);
    }

    public static string Describe(IdentityResult result) => string.Join(" ", result.Errors.Select(error => error.Description));
}

/// `Accounts:Admin:Email` and `Accounts:Admin:Password` give a fresh deployment its first admin; once any admin exists they are ignored.
sealed class ConfiguredAdmin(IServiceScopeFactory scopes, IOptions<AccountOptions> options, TimeProvider clock, ILogger<ConfiguredAdmin> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var admin = options.Value.Admin;
        if (string.IsNullOrEmpty(admin.Email) || string.IsNullOrEmpty(admin.Password))
        {
            return;
        }
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StudyHubUser>>();
        if ((await users.GetUsersInRoleAsync(Roles.Admin)).Count > 0)
        {
            return;
        }
        var result = await Admins.CreateAsync(users, admin.Email, admin.Password, clock.GetUtcNow());
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"Accounts:Admin could not be created: {Admins.Describe(result)}");
        }
        logger.LogInformation("Created the first admin {Email} from configuration", admin.Email);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
