using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;

namespace StudyHub.Web.Features.Sync;

/// Credentials and webhook secrets, protected with the app's data-protection keys (kept in the database and shared by
/// every instance, DataExtensions): a copy of the database alone does not give them away.
public sealed class SyncSecrets(IDataProtectionProvider protection)
{
    readonly IDataProtector _protector = protection.CreateProtector("StudyHub.Sync.Secrets");

    public string Protect(string secret) => _protector.Protect(secret);

    public string Unprotect(string protectedSecret) => _protector.Unprotect(protectedSecret);

    /// A webhook secret for the admin to paste into the git host, shown once.
    public static string NewWebhookSecret() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
}
