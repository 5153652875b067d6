using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace StudyHub.Web.Features.Accounts;

public static class Roles
{
    public const string Admin = "admin";
    public const string Editor = "editor";
    public const string Member = "member";
}

/// The three roles are data every database has, so they come with the migrations rather than at start-up.
sealed class RoleConfiguration : IEntityTypeConfiguration<IdentityRole>
{
    public void Configure(EntityTypeBuilder<IdentityRole> role) => role.HasData(
        Seed(Roles.Admin, "7f3c2a4e-0a6b-4d0e-9a55-1c7f1b0d2a01"),
        Seed(Roles.Editor, "7f3c2a4e-0a6b-4d0e-9a55-1c7f1b0d2a02"),
        Seed(Roles.Member, "7f3c2a4e-0a6b-4d0e-9a55-1c7f1b0d2a03"));

    static IdentityRole Seed(string name, string id) =>
        new() { Id = name, Name = name, NormalizedName = name.ToUpperInvariant(), ConcurrencyStamp = id };
}
