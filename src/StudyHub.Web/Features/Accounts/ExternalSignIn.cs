using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace StudyHub.Web.Features.Accounts;

/// Sign-in through an OpenID Connect provider, registered only when `Authentication:OpenIdConnect` is configured.
static class ExternalSignIn
{
    public const string Scheme = "oidc";

    public static void AddExternalSignIn(this WebApplicationBuilder builder)
    {
        var provider = builder.Configuration.GetSection("Authentication:OpenIdConnect");
        if (string.IsNullOrEmpty(provider["Authority"]) || string.IsNullOrEmpty(provider["ClientId"]))
        {
            return;
        }
        builder.Services.AddAuthentication().AddOpenIdConnect(Scheme, provider["DisplayName"] ?? "single sign-on", oidc =>
        {
            oidc.SignInScheme = IdentityConstants.ExternalScheme;
            oidc.Authority = provider["Authority"];
            oidc.ClientId = provider["ClientId"];
            oidc.ClientSecret = provider["ClientSecret"];
            oidc.ResponseType = "code";
            oidc.Scope.Add("email");
            oidc.MapInboundClaims = false;
        });
    }

    public static void MapExternalSignIn(this WebApplication app)
    {
        app.MapPost("/account/external-login", (SignInManager<StudyHubUser> signIn, [FromForm] string? returnUrl) =>
        {
            var callback = $"/account/external-callback?returnUrl={Uri.EscapeDataString(LocalUrl.OrHome(returnUrl))}";
            return TypedResults.Challenge(signIn.ConfigureExternalAuthenticationProperties(Scheme, callback), [Scheme]);
        });
        app.MapGet("/account/external-callback", async (SignInManager<StudyHubUser> signIn, UserManager<StudyHubUser> users,
            IOptions<AccountOptions> options, TimeProvider clock, string? returnUrl) =>
        {
            var info = await signIn.GetExternalLoginInfoAsync();
            if (info is null)
            {
                return Refused("provider");
            }
            var result = await signIn.ExternalLoginSignInAsync(info.LoginProvider, info.ProviderKey, isPersistent: false, bypassTwoFactor: true);
            if (result.IsLockedOut)
            {
                return Refused("locked");
            }
            if (!result.Succeeded)
            {
                // An existing account is joined only on an address the provider vouches for, or anyone could claim it.
                var email = info.Principal.FindFirstValue("email");
                if (email is null || info.Principal.FindFirstValue("email_verified") != "true")
                {
                    return Refused("unverified");
                }
                var user = await users.FindByEmailAsync(email);
                if (user is null)
                {
                    if (options.Value.Registration != Registration.Open)
                    {
                        return Refused("invite-only");
                    }
                    var name = info.Principal.FindFirstValue("name");
                    user = StudyHubUser.For(email, clock.GetUtcNow(), StudyHubUser.ProblemWithName(name) is null ? name : null);
                    user.EmailConfirmed = true;
                    if (!(await users.CreateAsync(user)).Succeeded
                        || (options.Value.GrantsMembership && !(await users.AddToRoleAsync(user, Roles.Member)).Succeeded))
                    {
                        return Refused("failed");
                    }
                }
                else if (!user.EmailConfirmed)
                {
                    // Whoever registered this address never proved it is theirs; joining would hand them the provider's account.
                    return Refused("unconfirmed");
                }
                if (!(await users.AddLoginAsync(user, info)).Succeeded)
                {
                    return Refused("failed");
                }
                await signIn.SignInAsync(user, isPersistent: false, info.LoginProvider);
            }
            return Results.LocalRedirect(LocalUrl.OrHome(returnUrl));
        });
    }

    // The login page words the reason; a code keeps a crafted link from putting arbitrary text on the page.
    static IResult Refused(string reason) => Results.LocalRedirect($"/account/login?external={reason}");
}
