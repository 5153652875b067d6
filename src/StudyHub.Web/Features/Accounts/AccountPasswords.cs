using Microsoft.AspNetCore.Identity;

namespace StudyHub.Web.Features.Accounts;

/// Changing the address or the password, or deleting the account, asks for the password again, so that a session
/// left open is not enough to take or end the account. Wrong ones count toward the lockout and the limits as at sign-in.
static class AccountPasswords
{
    public static async Task<string?> ProblemAsync(SignInManager<StudyHubUser> signIn, SignInLimits limits, HttpContext? http, StudyHubUser user, string password)
    {
        if (!limits.TryAccount(http, user.Email!))
        {
            return SignInLimits.TooMany;
        }
        var result = await signIn.CheckPasswordSignInAsync(user, password, lockoutOnFailure: true);
        return result.Succeeded ? null
            : result.IsLockedOut ? "After five wrong passwords the account waits 15 minutes. Try again then."
            : "That is not your current password.";
    }
}
