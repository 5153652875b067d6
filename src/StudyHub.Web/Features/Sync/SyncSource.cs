using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using StudyHub.Web.Features.Vaults;

namespace StudyHub.Web.Features.Sync;

public enum SourceKind
{
    Folder,
    Git,
}

/// Where a vault's files live, for the site to keep in step with: a folder on the server or a git repository.
public sealed class SyncSource
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid VaultId { get; set; }
    public SourceKind Kind { get; set; }

    /// The folder's full path, or the repository's address (never with a password in it: see GitCheckout.CheckAddress).
    public required string Location { get; set; }
    public string? Branch { get; set; }

    /// The vault's folder inside the repository; null for its top.
    public string? Subfolder { get; set; }

    /// A folder source is watched for changes as they happen.
    public bool Watch { get; set; }

    /// Minutes between checks; null checks only when told (command, webhook, watcher).
    public int? EveryMinutes { get; set; }

    /// The HTTPS token or SSH deploy key and the webhook's secret, protected with the app's data-protection keys
    /// (SyncSecrets): never shown again after they are given.
    public string? ProtectedCredential { get; set; }
    public required string ProtectedWebhookSecret { get; set; }

    /// The last sync that found a change and what it did, or what went wrong on the last try; a sync that finds
    /// nothing changed writes nothing, so these are not moved by it.
    public DateTimeOffset? LastSyncedAt { get; set; }
    public string? LastCommit { get; set; }
    public string? LastChange { get; set; }
    public Guid? LastRunId { get; set; }
    public DateTimeOffset? LastErrorAt { get; set; }
    public string? LastError { get; set; }

    public string Describe() => Kind switch
    {
        SourceKind.Git => $"git {Location} ({Branch ?? "default branch"}){(Subfolder is null ? "" : $", folder {Subfolder}")}",
        _ => $"folder {Location}",
    };
}

sealed class SyncSourceConfiguration : IEntityTypeConfiguration<SyncSource>
{
    public void Configure(EntityTypeBuilder<SyncSource> source)
    {
        source.HasIndex(s => s.VaultId).IsUnique();
        source.HasOne<Vault>().WithMany().HasForeignKey(s => s.VaultId).OnDelete(DeleteBehavior.Cascade);
        source.Property(s => s.Kind).HasConversion<string>().HasMaxLength(20);
        source.Property(s => s.Location).HasMaxLength(2000);
        source.Property(s => s.Branch).HasMaxLength(250);
        source.Property(s => s.Subfolder).HasMaxLength(1000);
    }
}
