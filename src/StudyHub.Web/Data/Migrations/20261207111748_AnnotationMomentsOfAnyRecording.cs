using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace StudyHub.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class AnnotationMomentsOfAnyRecording : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "MediaRecording",
                table: "Annotations",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            // An annotation on what was said is a moment of the recording whose transcript said it.
            migrationBuilder.Sql("""UPDATE "Annotations" SET "MediaRecording" = "CueRecording" WHERE "CueRecording" IS NOT NULL;""");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "MediaRecording",
                table: "Annotations");
        }
    }
}
