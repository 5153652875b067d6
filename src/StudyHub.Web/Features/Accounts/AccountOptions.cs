namespace StudyHub.Web.Features.Accounts;

public enum Registration
{
    Open,
    InviteOnly,
}

/// `Accounts:*` configuration.
public sealed class AccountOptions
{
    public Registration Registration { get; set; }

    /// Whether registering (or a first OpenID Connect sign-in) grants the member role, which reads members-only
    /// vaults. Unset: yes when an admin's invite is needed, no when anyone may register.
    public bool? NewAccountsAreMembers { get; set; }

    public bool GrantsMembership => NewAccountsAreMembers ?? Registration == Registration.InviteOnly;
    public int SignInPermitsPerMinute { get; set; } = 10;
    public AdminSeed Admin { get; set; } = new();

    public sealed class AdminSeed
    {
        public string? Email { get; set; }
        public string? Password { get; set; }
    }
}
