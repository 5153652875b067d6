using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace StudyHub.Web.Data;

/// Lets `dotnet ef migrations add` build the model without starting the app or a database.
sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<StudyHubDbContext>
{
    public StudyHubDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<StudyHubDbContext>().UseNpgsql("Host=localhost;Database=studyhub").Options);
}
