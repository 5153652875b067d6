using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using StudyHub.Web.Data;

namespace StudyHub.Web.Features.Accounts;

/// A one-time code an admin hands out so that one person can register while registration is invite-only.
public sealed class Invite
{
    public required string Code { get; set; }
    public required string CreatedBy { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public string? UsedBy { get; set; }
    public DateTimeOffset? UsedAt { get; set; }
}

sealed class InviteConfiguration : IEntityTypeConfiguration<Invite>
{
    public void Configure(EntityTypeBuilder<Invite> invite)
    {
        invite.HasKey(i => i.Code);
        invite.Property(i => i.Code).HasMaxLength(64);
        invite.Property(i => i.CreatedBy).HasMaxLength(256);
        invite.Property(i => i.UsedBy).HasMaxLength(256);
    }
}

public static class Invites
{
    public static async Task<Invite> CreateAsync(IDbContextFactory<StudyHubDbContext> contexts, string createdBy, DateTimeOffset now)
    {
        var invite = new Invite { Code = RandomNumberGenerator.GetString("ABCDEFGHJKLMNPQRSTUVWXYZ23456789", 12), CreatedBy = createdBy, CreatedAt = now };
        await using var db = await contexts.CreateDbContextAsync();
        db.Invites.Add(invite);
        await db.SaveChangesAsync();
        return invite;
    }

    /// One conditional update, so two people racing with the same code cannot both register.
    public static async Task<bool> ClaimAsync(IDbContextFactory<StudyHubDbContext> contexts, string? code, string email, DateTimeOffset now)
    {
        if (string.IsNullOrEmpty(code))
        {
            return false;
        }
        var normalized = code.ToUpperInvariant();
        await using var db = await contexts.CreateDbContextAsync();
        return await db.Invites.Where(invite => invite.Code == normalized && invite.UsedAt == null)
            .ExecuteUpdateAsync(invite => invite.SetProperty(i => i.UsedAt, now).SetProperty(i => i.UsedBy, email)) == 1;
    }

    /// Gives a claimed code back when the account behind it could not be created (a taken email, a short password).
    public static async Task ReleaseAsync(IDbContextFactory<StudyHubDbContext> contexts, string code)
    {
        var normalized = code.ToUpperInvariant();
        await using var db = await contexts.CreateDbContextAsync();
        await db.Invites.Where(invite => invite.Code == normalized)
            .ExecuteUpdateAsync(invite => invite.SetProperty(i => i.UsedAt, (DateTimeOffset?)null).SetProperty(i => i.UsedBy, (string?)null));
    }
}
