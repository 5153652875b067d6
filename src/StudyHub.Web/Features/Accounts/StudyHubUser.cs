using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.Extensions.Options;

namespace StudyHub.Web.Features.Accounts;

/// Someone who signs in. The user name is always the email address; other readers see the display name.
public sealed class StudyHubUser : IdentityUser
{
    public DateTimeOffset CreatedAt { get; set; }
    public string DisplayName { get; set; } = "";

    public const int DisplayNameLength = 60;

    /// The author of what deleted accounts chose to leave behind, as GitHub's "ghost": one account nobody signs in to
    /// (no email, no password), so an annotation always has an author and nothing treats a missing one as a match.
    public const string FormerMemberId = "former-member";
    public const string FormerMemberName = "a former member";

    /// A new account; without a chosen name it shows the part of its email before the @, as authors were shown before names.
    public static StudyHubUser For(string email, DateTimeOffset now, string? displayName = null) => new()
    {
        UserName = email,
        Email = email,
        CreatedAt = now,
        DisplayName = string.IsNullOrWhiteSpace(displayName) ? DefaultName(email) : displayName.Trim(),
    };

    static string DefaultName(string email)
    {
        var name = email.Split('@')[0];
        return name.Length == 0 ? "a member" : name[..Math.Min(name.Length, DisplayNameLength)];
    }

    public const string NameMissing = "Choose a name to show.";

    /// What is wrong with a chosen display name, or null.
    public static string? ProblemWithName(string? name) => name?.Trim() switch
    {
        null or "" => NameMissing,
        { Length: > DisplayNameLength } => $"A name has at most {DisplayNameLength} characters.",
        var trimmed when trimmed.Any(char.IsControl) => "A name cannot contain control characters.",
        var trimmed when string.Equals(trimmed, FormerMemberName, StringComparison.OrdinalIgnoreCase) => "That name stands for deleted accounts; choose another.",
        _ => null,
    };
}

sealed class StudyHubUserConfiguration : IEntityTypeConfiguration<StudyHubUser>
{
    public void Configure(EntityTypeBuilder<StudyHubUser> user)
    {
        user.Property(u => u.DisplayName).HasMaxLength(StudyHubUser.DisplayNameLength);
        user.HasData(new StudyHubUser
        {
            Id = StudyHubUser.FormerMemberId,
            UserName = StudyHubUser.FormerMemberId,
            NormalizedUserName = StudyHubUser.FormerMemberId.ToUpperInvariant(),
            DisplayName = StudyHubUser.FormerMemberName,
            ConcurrencyStamp = "3d0f3b5e-6c1a-4f7e-9a2b-5e8d7c6b4a10",
            SecurityStamp = "FORMERMEMBERNEVERSIGNSIN",
            CreatedAt = new DateTimeOffset(2026, 12, 4, 0, 0, 0, TimeSpan.Zero),
        });
    }
}

/// The display name travels in the sign-in cookie, so the header shows it without a query; changing it signs in again.
sealed class DisplayNameClaims(UserManager<StudyHubUser> users, RoleManager<IdentityRole> roles, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<StudyHubUser, IdentityRole>(users, roles, options)
{
    public const string ClaimType = "display_name";

    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(StudyHubUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(ClaimType, user.DisplayName));
        return identity;
    }

    public static string Of(ClaimsPrincipal user) => user.FindFirstValue(ClaimType) ?? user.Identity?.Name ?? "";
}
