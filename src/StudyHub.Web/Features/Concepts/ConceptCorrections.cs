using Microsoft.EntityFrameworkCore;
using StudyHub.Web.Data;
using StudyHub.Web.Features.Accounts;
using StudyHub.Web.Features.Graph;

namespace StudyHub.Web.Features.Concepts;

/// Records what an editor says a concept is. Corrections live apart from the notes, so a re-import keeps them.
public sealed class ConceptCorrections(IDbContextFactory<StudyHubDbContext> contexts, GraphStore graph, TimeProvider clock)
{
    /// Who may correct a concept, as an Authorize attribute or AuthorizeView spells roles.
    public const string CorrectorRoles = Roles.Editor + "," + Roles.Admin;

    /// What editors have said about the concept with this slug, if anything.
    public async Task<GraphCorrection?> FindAsync(string slug, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var correction = await db.ConceptCorrections.AsNoTracking().SingleOrDefaultAsync(c => c.Slug == slug, cancellationToken);
        return correction is null ? null : new GraphCorrection(correction.Slug, NodeKinds.Parse(correction.Kind), correction.Aliases);
    }

    /// Sets the kind of the concept with this slug (null: let the vault decide again) and its extra aliases.
    public async Task CorrectAsync(string slug, NodeKind? kind, IReadOnlyList<string> aliases, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var correction = await db.ConceptCorrections.SingleOrDefaultAsync(c => c.Slug == slug, cancellationToken);
        if (correction is null)
        {
            correction = new ConceptCorrection { Slug = slug };
            db.ConceptCorrections.Add(correction);
        }
        correction.Kind = kind?.Name();
        correction.Aliases = aliases.Select(a => a.Trim()).Where(a => a.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        correction.UpdatedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
        graph.Forget();
    }
}
