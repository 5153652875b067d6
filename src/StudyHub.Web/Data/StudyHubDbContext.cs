using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using StudyHub.Web.Features.Accounts;
using StudyHub.Web.Features.Annotations;
using StudyHub.Web.Features.Attachments;
using StudyHub.Web.Features.Concepts;
using StudyHub.Web.Features.Import;
using StudyHub.Web.Features.Notes;
using StudyHub.Web.Features.Papers;
using StudyHub.Web.Features.Search;
using StudyHub.Web.Features.Tags;
using StudyHub.Web.Features.Sharing;
using StudyHub.Web.Features.Sync;
using StudyHub.Web.Features.Transcripts;
using StudyHub.Web.Features.Vaults;

namespace StudyHub.Web.Data;

// Migrations: dotnet ef migrations add <WhatChanged> --project src/StudyHub.Web --output-dir Data/Migrations
public sealed class StudyHubDbContext(DbContextOptions<StudyHubDbContext> options, IHttpContextAccessor? http = null)
    : IdentityDbContext<StudyHubUser>(options), IDataProtectionKeyContext
{
    ReadAccess _access = ReadAccess.Of(http?.HttpContext);

    /// For the app's own work outside a request (imports, commands): every vault is readable from here on.
    public StudyHubDbContext ReadingAsSystem() => ReadingAs(ReadAccess.System);

    /// For what is read for an audience rather than for whoever asks (the graph, the sitemap): from here on the notes
    /// readable are that audience's.
    public StudyHubDbContext ReadingAs(ReadAccess access)
    {
        _access = access;
        return this;
    }

    public ReadAccess Access => _access;

    /// For an import, a migration, a vault's deletion or the concept graph's build (DatabaseEndpoint.BatchCommandTimeout).
    public StudyHubDbContext ForBatchWork()
    {
        Database.SetCommandTimeout(DatabaseEndpoint.BatchCommandTimeout);
        return this;
    }

    /// Whether the notes of members-only vaults are readable here (see ReadAccess).
    public bool ReaderIsMember => _access.Member;

    /// The one members-only note a visitor holds a valid share link to, if any (see Sharing).
    public Guid? SharedNoteId => _access.SharedNoteId;

    /// The vaults the reader may read: members-only ones for members, the others for everyone; a share link opens its one
    /// note, not its vault. The rule is the SQL function studyhub_readable_vaults (see the migration OneReadRuleForRawSql),
    /// which LINQ, the notes' query filter "readable" and raw SQL all read, and ReadAccess.MayReadVault for a vault held
    /// outside a query.
    public IQueryable<Vault> ReadableVaults => ReadableVaultsFor(ReaderIsMember);

    IQueryable<Vault> ReadableVaultsFor(bool readerIsMember) => FromExpression(() => ReadableVaultsFor(readerIsMember));

    public DbSet<Vault> Vaults => Set<Vault>();
    public DbSet<Note> Notes => Set<Note>();
    public DbSet<NoteRevision> NoteRevisions => Set<NoteRevision>();
    public DbSet<NoteLink> NoteLinks => Set<NoteLink>();
    public DbSet<NoteTimestamp> NoteTimestamps => Set<NoteTimestamp>();
    public DbSet<TranscriptCue> TranscriptCues => Set<TranscriptCue>();
    public DbSet<PaperPage> PaperPages => Set<PaperPage>();
    public DbSet<PaperTitle> PaperTitles => Set<PaperTitle>();
    public DbSet<ArxivTitle> ArxivTitles => Set<ArxivTitle>();
    public DbSet<Attachment> Attachments => Set<Attachment>();
    public DbSet<AttachmentContent> AttachmentContents => Set<AttachmentContent>();
    public DbSet<ImportRun> ImportRuns => Set<ImportRun>();
    public DbSet<NoteSlugHistory> NoteSlugHistory => Set<NoteSlugHistory>();
    public DbSet<ConceptCorrection> ConceptCorrections => Set<ConceptCorrection>();
    public DbSet<SwitcherName> SwitcherNames => Set<SwitcherName>();
    public DbSet<SearchWord> SearchWords => Set<SearchWord>();
    public DbSet<VaultTag> VaultTags => Set<VaultTag>();
    public DbSet<ContentVersion> ContentVersions => Set<ContentVersion>();
    public DbSet<SyncSource> SyncSources => Set<SyncSource>();
    public DbSet<ManifestEntry> SyncManifest => Set<ManifestEntry>();

    public DbSet<Invite> Invites => Set<Invite>();
    public DbSet<Annotation> Annotations => Set<Annotation>();
    public DbSet<Comment> Comments => Set<Comment>();
    public DbSet<NoteShare> NoteShares => Set<NoteShare>();

    /// The keys that protect sign-in cookies and antiforgery tokens, shared by every instance and kept across restarts.
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.HasPostgresExtension("pg_trgm");
        builder.ApplyConfigurationsFromAssembly(typeof(StudyHubDbContext).Assembly);
        builder.HasDbFunction(() => ReadableVaultsFor(default)).HasName("studyhub_readable_vaults");
        // Every query for notes, in every feature, leaves out removed notes and what the reader may not read
        // (ReadAccess.MayRead). Raw SQL cannot see these filters and reads notes through studyhub_readable_notes.
        // A filter sees the context's properties only as values, so it calls the function rather than ReadableVaults.
        builder.Entity<Note>()
            .HasQueryFilter(NoteFilters.NotDeleted, n => n.DeletedAt == null)
            .HasQueryFilter(NoteFilters.Readable, n => ReadableVaultsFor(ReaderIsMember).Select(v => v.Id).Contains(n.VaultId) || n.Id == SharedNoteId);
    }
}
