using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace StudyHub.Web.Data.Migrations
{
    /// <summary>
    /// The quick switcher keeps its names in memory per content version (SwitcherIndex), so writes to them move it.
    /// </summary>
    public partial class SwitcherNamesMoveTheContentVersion : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder) =>
            migrationBuilder.Sql("""
                CREATE TRIGGER "SwitcherNames_content_changed" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "SwitcherNames"
                FOR EACH STATEMENT EXECUTE FUNCTION studyhub_content_changed();
                """);

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder) =>
            migrationBuilder.Sql("""DROP TRIGGER "SwitcherNames_content_changed" ON "SwitcherNames";""");
    }
}
