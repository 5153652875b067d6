using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace StudyHub.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class NoteRowsWrittenAgain : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // NoteNamesStayInTheirRows applies to values written after it: this writes every row again, moving the names
            // of the notes stored before it back into their rows (21–34 s at 100,000 notes, the table locked meanwhile).
            // VACUUM FULL cannot run in a transaction, so it is a migration of its own; stopped halfway, it is run again.
            migrationBuilder.Sql("""VACUUM FULL "Notes";""", suppressTransaction: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
        }
    }
}
