using Microsoft.EntityFrameworkCore;
using StudyHub.Web.Data;
using StudyHub.Web.Features.Accounts;
using StudyHub.Web.Features.Graph;
using StudyHub.Web.Features.Notes;
using StudyHub.Web.Infrastructure;

namespace StudyHub.Web.Features.Concepts;

/// Records what an editor says a concept is. Corrections live apart from the notes, so a re-import keeps them.
public sealed class ConceptCorrections(IDbContextFactory<StudyHubDbContext> contexts, ContentCache content, TimeProvider clock)
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

    /// The first of these names that already names another concept (its title, an alias, or one an editor gave it), with
    /// that concept's title: two concepts of one name would share every mention of it.
    public async Task<(string Name, string Concept)?> TakenNameAsync(string slug, IReadOnlyList<string> names, CancellationToken cancellationToken = default)
    {
        var typed = names.Select(n => n.Trim()).Where(n => n.Length > 0).DistinctBy(n => n.ToLowerInvariant()).ToDictionary(n => n.ToLowerInvariant());
        var wanted = typed.Keys.ToList();
        if (wanted.Count == 0)
        {
            return null;
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        // The switcher leads to a written concept at its note's address, to one not yet written at its concept page.
        var address = await db.Notes.Where(n => n.Slug == slug).Select(n => n.Address).FirstOrDefaultAsync(cancellationToken);
        // As SwitcherNames stores them: the paths unescaped.
        string[] own = [NoteAddress.Prefix + address, ConceptAddress.Prefix + slug];
        var named = await db.SwitcherNames.FromSql($"""SELECT * FROM "SwitcherNames" WHERE lower("Name") = ANY({wanted.ToArray()})""")
            .Where(n => !own.Contains(n.Url))
            .Select(n => new { n.Name, n.Title }).FirstOrDefaultAsync(cancellationToken);
        if (named is not null)
        {
            return (typed.GetValueOrDefault(named.Name.ToLowerInvariant(), named.Name), named.Title);
        }
        var corrected = await db.ConceptCorrections.AsNoTracking().Where(c => c.Slug != slug).ToListAsync(cancellationToken);
        return corrected.SelectMany(c => c.Aliases.Select(alias => (Name: alias, Concept: c.Slug)))
            .Where(a => typed.ContainsKey(a.Name.ToLowerInvariant()))
            .Select(a => ((string, string)?)(typed[a.Name.ToLowerInvariant()], a.Concept)).FirstOrDefault();
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
        content.Forget();
    }
}
