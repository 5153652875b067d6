using StudyHub.Web.Features.Accounts;

namespace StudyHub.Web.Infrastructure;

public static class ApiDescription
{
    /// `/openapi/v1.json` maps every endpoint, the admin-only ones too: public in Development or with
    /// `OpenApi:Public=true`, otherwise for admins.
    public static void MapApiDescription(this WebApplication app)
    {
        var description = app.MapOpenApi();
        if (!app.Environment.IsDevelopment() && !app.Configuration.GetValue<bool>("OpenApi:Public"))
        {
            description.RequireAuthorization(policy => policy.RequireRole(Roles.Admin));
        }
    }
}
