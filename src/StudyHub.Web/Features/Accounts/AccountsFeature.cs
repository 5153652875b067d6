using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using StudyHub.Web.Data;

namespace StudyHub.Web.Features.Accounts;

public static class AccountsFeature
{
    public const string SignInRateLimit = "sign-in";

    public static void AddAccounts(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<AccountOptions>()
            .BindConfiguration("Accounts")
            .PostConfigure<IConfiguration, IHostEnvironment>((options, configuration, environment) =>
            {
                if (configuration["Accounts:Registration"] is null)
                {
                    options.Registration = environment.IsDevelopment() ? Registration.Open : Registration.InviteOnly;
                }
            });

        builder.Services.AddIdentity<StudyHubUser, IdentityRole>(options =>
            {
                options.User.RequireUniqueEmail = true;
                options.SignIn.RequireConfirmedEmail = true;
                // Length protects better than forced character classes, and lets generated passwords stay readable.
                options.Password.RequiredLength = 10;
                options.Password.RequireDigit = false;
                options.Password.RequireLowercase = false;
                options.Password.RequireUppercase = false;
                options.Password.RequireNonAlphanumeric = false;
                options.Lockout.AllowedForNewUsers = true;
                options.Lockout.MaxFailedAccessAttempts = 5;
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
            })
            .AddEntityFrameworkStores<StudyHubDbContext>()
            .AddDefaultTokenProviders()
            .AddClaimsPrincipalFactory<DisplayNameClaims>();
        builder.Services.ConfigureApplicationCookie(cookie =>
        {
            cookie.LoginPath = "/account/login";
            cookie.LogoutPath = "/account/logout";
            cookie.AccessDeniedPath = "/account/denied";
            cookie.Cookie.Name = "StudyHub.Session";
            // An API caller wants a status code, not the sign-in page.
            cookie.Events.OnRedirectToLogin = context => ApiStatusOr(context, StatusCodes.Status401Unauthorized);
            cookie.Events.OnRedirectToAccessDenied = context => ApiStatusOr(context, StatusCodes.Status403Forbidden);
        });
        builder.AddExternalSignIn();
        builder.AddEmail();
        builder.Services.AddHttpContextAccessor();
        builder.Services.AddScoped<AccountEmails>();
        builder.Services.AddCascadingAuthenticationState();

        // Only posts count: showing the form is free, guessing passwords is not.
        builder.Services.AddRateLimiter(limiter => limiter.AddPolicy(SignInRateLimit, context => HttpMethods.IsPost(context.Request.Method)
            ? RateLimitPartition.GetFixedWindowLimiter(SignInLimits.Network(context.Connection.RemoteIpAddress), _ => new FixedWindowRateLimiterOptions
            {
                PermitLimit = context.RequestServices.GetRequiredService<IOptions<AccountOptions>>().Value.SignInPermitsPerMinute,
                Window = TimeSpan.FromMinutes(1),
            })
            : RateLimitPartition.GetNoLimiter("reading")));

        builder.Services.AddSingleton<SignInLimits>();
        builder.Services.AddHostedService<ConfiguredAdmin>();
    }

    public static void MapAccounts(this WebApplication app)
    {
        app.MapPost("/account/logout", async (SignInManager<StudyHubUser> signIn, [FromForm] string? returnUrl) =>
        {
            await signIn.SignOutAsync();
            return TypedResults.LocalRedirect(LocalUrl.OrHome(returnUrl));
        });
        app.MapExternalSignIn();
    }

    static Task ApiStatusOr(Microsoft.AspNetCore.Authentication.RedirectContext<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions> context, int status)
    {
        if (context.Request.Path.StartsWithSegments("/api", StringComparison.Ordinal))
        {
            context.Response.StatusCode = status;
        }
        else
        {
            context.Response.Redirect(context.RedirectUri);
        }
        return Task.CompletedTask;
    }
}
