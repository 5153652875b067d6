using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace StudyHub.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class ImportReportsListAtMostAThousand : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Reports stored before kept every broken link and missing attachment: they get their counts, and their
            // lists the first 1,000 (ImportReport.ListedAtMost), as a new report has them.
            migrationBuilder.Sql("""
                UPDATE "ImportRuns" SET "Report" = "Report" || jsonb_build_object(
                    'UnresolvedLinkCount', coalesce(jsonb_array_length("Report"->'UnresolvedLinks'), 0),
                    'UnresolvedLinks', coalesce(jsonb_path_query_array("Report"->'UnresolvedLinks', '$[0 to 999]'), '[]'),
                    'MissingAttachmentCount', coalesce(jsonb_array_length("Report"->'MissingAttachments'), 0),
                    'MissingAttachments', coalesce(jsonb_path_query_array("Report"->'MissingAttachments', '$[0 to 999]'), '[]'))
                WHERE NOT "Report" ? 'UnresolvedLinkCount';
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""UPDATE "ImportRuns" SET "Report" = "Report" - 'UnresolvedLinkCount' - 'MissingAttachmentCount';""");
        }
    }
}
