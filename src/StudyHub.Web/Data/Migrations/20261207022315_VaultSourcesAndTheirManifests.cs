using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace StudyHub.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class VaultSourcesAndTheirManifests : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "SyncSources",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    VaultId = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Location = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    Branch = table.Column<string>(type: "character varying(250)", maxLength: 250, nullable: true),
                    Subfolder = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    Watch = table.Column<bool>(type: "boolean", nullable: false),
                    EveryMinutes = table.Column<int>(type: "integer", nullable: true),
                    ProtectedCredential = table.Column<string>(type: "text", nullable: true),
                    ProtectedWebhookSecret = table.Column<string>(type: "text", nullable: false),
                    LastSyncedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    LastCommit = table.Column<string>(type: "text", nullable: true),
                    LastChange = table.Column<string>(type: "text", nullable: true),
                    LastRunId = table.Column<Guid>(type: "uuid", nullable: true),
                    LastErrorAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    LastError = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SyncSources", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SyncSources_Vaults_VaultId",
                        column: x => x.VaultId,
                        principalTable: "Vaults",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "SyncManifest",
                columns: table => new
                {
                    SourceId = table.Column<Guid>(type: "uuid", nullable: false),
                    Path = table.Column<string>(type: "text", nullable: false),
                    Size = table.Column<long>(type: "bigint", nullable: false),
                    ModifiedTicks = table.Column<long>(type: "bigint", nullable: false),
                    Hash = table.Column<byte[]>(type: "bytea", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SyncManifest", x => new { x.SourceId, x.Path });
                    table.ForeignKey(
                        name: "FK_SyncManifest_SyncSources_SourceId",
                        column: x => x.SourceId,
                        principalTable: "SyncSources",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_SyncSources_VaultId",
                table: "SyncSources",
                column: "VaultId",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "SyncManifest");

            migrationBuilder.DropTable(
                name: "SyncSources");
        }
    }
}
