using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using StudyHub.Web.Features.Accounts;
using StudyHub.Web.Features.Notes;

namespace StudyHub.Web.Features.Sharing;

/// A link through which people without an account read one note of a members-only vault, until it expires
/// or an editor revokes it.
public sealed class NoteShare
{
    public required string Token { get; set; }
    public Guid NoteId { get; set; }
    public required string CreatedById { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }

    /// 192 random bits, URL-safe: unguessable, so the link itself is the permission.
    public static string NewToken() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)).Replace('+', '-').Replace('/', '_');
}

sealed class NoteShareConfiguration : IEntityTypeConfiguration<NoteShare>
{
    public void Configure(EntityTypeBuilder<NoteShare> share)
    {
        share.HasKey(s => s.Token);
        share.Property(s => s.Token).HasMaxLength(64);
        share.HasIndex(s => s.NoteId);
        share.HasOne<Note>().WithMany().HasForeignKey(s => s.NoteId).OnDelete(DeleteBehavior.Cascade);
        share.HasOne<StudyHubUser>().WithMany().HasForeignKey(s => s.CreatedById).OnDelete(DeleteBehavior.Cascade);
    }
}
