using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace StudyHub.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class ReadingAsText : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterColumn<string>(
                name: "Reading",
                table: "Notes",
                type: "text",
                nullable: false,
                oldClrType: typeof(string),
                oldType: "jsonb");
            // The default was '{}'::jsonb, which PostgreSQL keeps and casts on every insert.
            migrationBuilder.Sql("""ALTER TABLE "Notes" ALTER COLUMN "Reading" SET DEFAULT '{}';""");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // Text has no automatic cast to jsonb, nor has the column's default.
            migrationBuilder.Sql("""
                ALTER TABLE "Notes" ALTER COLUMN "Reading" DROP DEFAULT;
                ALTER TABLE "Notes" ALTER COLUMN "Reading" TYPE jsonb USING "Reading"::jsonb;
                ALTER TABLE "Notes" ALTER COLUMN "Reading" SET DEFAULT '{}';
                """);
        }
    }
}
