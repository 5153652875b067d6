using Microsoft.AspNetCore.Hosting;
using StudyHub.Testing;

namespace StudyHub.Web.Tests.Accounts;

public sealed class OpenRegistrationApp : StudyHubApp
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Accounts:Registration", "Open");
    }
}

public sealed class InviteOnlyApp : StudyHubApp
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Accounts:Registration", "InviteOnly");
    }
}

public sealed class StrictRateLimitApp : StudyHubApp
{
    public const int PermitsPerMinute = 3;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Accounts:SignInPermitsPerMinute", PermitsPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }
}
