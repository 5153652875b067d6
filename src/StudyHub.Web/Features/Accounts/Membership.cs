using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using StudyHub.Web.Data;

namespace StudyHub.Web.Features.Accounts;

/// Whether the signed-in reader may read members-only vaults: the member role, which editors and admins imply.
/// It is read from the database on every request rather than from the sign-in cookie, so taking the role away
/// revokes reading at once, not when the cookie is next renewed.
public static class Membership
{
    internal static readonly string[] MemberRoles = [Roles.Member, Roles.Editor, Roles.Admin];

    public static void UseMembership(this WebApplication app) => app.Use(async (context, next) =>
    {
        if (context.User.FindFirstValue(ClaimTypes.NameIdentifier) is { } userId)
        {
            var contexts = context.RequestServices.GetRequiredService<IDbContextFactory<StudyHubDbContext>>();
            await using var db = await contexts.CreateDbContextAsync(context.RequestAborted);
            // Role ids are the role names (see RoleConfiguration).
            context.Items[ReadAccess.MemberKey] = await db.UserRoles.AnyAsync(r => r.UserId == userId && MemberRoles.Contains(r.RoleId), context.RequestAborted);
        }
        await next(context);
    });
}
