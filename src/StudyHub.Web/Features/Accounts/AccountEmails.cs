using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace StudyHub.Web.Features.Accounts;

/// The emails an account gets. Each link carries a one-use Identity token for that user.
public sealed class AccountEmails(IEmailSender sender, UserManager<StudyHubUser> users, IOptions<EmailOptions> options, IHttpContextAccessor http)
{
    public async Task ConfirmRegistrationAsync(StudyHubUser user, CancellationToken cancellationToken = default)
    {
        var code = await users.GenerateEmailConfirmationTokenAsync(user);
        await SendAsync(user.Email!, "Confirm your StudyHub account", $"""
            Someone, hopefully you, registered a StudyHub account with this address. Follow this link to confirm it:

            {Link("account/confirm", ("user", user.Id), ("code", code))}

            If it was not you, ignore this email: the account cannot be used without this link.
            """, cancellationToken);
    }

    /// Registering a taken address looks the same as registering a new one; only the owner learns of it.
    public Task AlreadyRegisteredAsync(string email, CancellationToken cancellationToken = default) =>
        SendAsync(email, "You already have a StudyHub account", $"""
            Someone, hopefully you, tried to register a StudyHub account with this address, which already has one.
            Sign in at {Link("account/login")}, or choose a new password at {Link("account/forgot")}.

            If it was not you, ignore this email: nothing has changed.
            """, cancellationToken);

    public async Task ResetPasswordAsync(StudyHubUser user, CancellationToken cancellationToken = default)
    {
        var code = await users.GeneratePasswordResetTokenAsync(user);
        await SendAsync(user.Email!, "Choose a new StudyHub password", $"""
            Someone, hopefully you, asked to choose a new password for the StudyHub account of this address. Follow this link to do so:

            {Link("account/reset", ("user", user.Id), ("code", code))}

            If it was not you, ignore this email: your password stays as it is.
            """, cancellationToken);
    }

    public async Task ConfirmNewEmailAsync(StudyHubUser user, string newEmail, CancellationToken cancellationToken = default)
    {
        var code = await users.GenerateChangeEmailTokenAsync(user, newEmail);
        await SendAsync(newEmail, "Confirm your new StudyHub email address", $"""
            Someone, hopefully you, asked to use this address for their StudyHub account. Follow this link to confirm it:

            {Link("account/email", ("user", user.Id), ("email", newEmail), ("code", code))}

            If it was not you, ignore this email.
            """, cancellationToken);
    }

    /// The old address hears of the change, in case it was not its owner who made it.
    public Task EmailChangedAsync(string oldEmail, string newEmail, CancellationToken cancellationToken = default) =>
        SendAsync(oldEmail, "Your StudyHub email address changed", $"""
            The StudyHub account of this address now uses {newEmail}; emails about it go there from now on.

            If it was not you, write to the admins of this StudyHub at once.
            """, cancellationToken);

    Task SendAsync(string to, string subject, string text, CancellationToken cancellationToken) =>
        sender.SendAsync(new EmailMessage(to, subject, text), cancellationToken);

    string Link(string path, params (string Name, string Value)[] query)
    {
        var site = options.Value.SiteAddress is { Length: > 0 } configured
            ? configured.TrimEnd('/') + "/"
            : $"{http.HttpContext!.Request.Scheme}://{http.HttpContext.Request.Host}{http.HttpContext.Request.PathBase}/";
        return site + path + (query.Length == 0 ? "" : "?" + string.Join("&", query.Select(q => $"{q.Name}={Uri.EscapeDataString(q.Value)}")));
    }
}
