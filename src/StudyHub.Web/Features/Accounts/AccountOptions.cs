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
    public int SignInPermitsPerMinute { get; set; } = 10;
    public AdminSeed Admin { get; set; } = new();

    public sealed class AdminSeed
    {
        public string? Email { get; set; }
        public string? Password { get; set; }
    }
}
