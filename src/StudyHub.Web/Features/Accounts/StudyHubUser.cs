using Microsoft.AspNetCore.Identity;

namespace StudyHub.Web.Features.Accounts;

/// Someone who signs in. The user name is always the email address.
public sealed class StudyHubUser : IdentityUser
{
    public DateTimeOffset CreatedAt { get; set; }
}
