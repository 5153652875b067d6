using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace StudyHub.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class AccountDisplayNamesAndFormerMember : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "DisplayName",
                table: "AspNetUsers",
                type: "character varying(60)",
                maxLength: 60,
                nullable: false,
                defaultValue: "");

            // Existing accounts keep the name they were shown by, the part of the email before the @ (StudyHubUser.For).
            migrationBuilder.Sql("""
                UPDATE "AspNetUsers" SET "DisplayName" = left(coalesce(nullif(split_part("Email", '@', 1), ''), 'a member'), 60)
                WHERE "DisplayName" = '';
                """);

            migrationBuilder.InsertData(
                table: "AspNetUsers",
                columns: new[] { "Id", "AccessFailedCount", "ConcurrencyStamp", "CreatedAt", "DisplayName", "Email", "EmailConfirmed", "LockoutEnabled", "LockoutEnd", "NormalizedEmail", "NormalizedUserName", "PasswordHash", "PhoneNumber", "PhoneNumberConfirmed", "SecurityStamp", "TwoFactorEnabled", "UserName" },
                values: new object[] { "former-member", 0, "3d0f3b5e-6c1a-4f7e-9a2b-5e8d7c6b4a10", new DateTimeOffset(new DateTime(2026, 12, 4, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), "a former member", null, false, false, null, null, "FORMER-MEMBER", null, null, false, "FORMERMEMBERNEVERSIGNSIN", false, "former-member" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DeleteData(
                table: "AspNetUsers",
                keyColumn: "Id",
                keyValue: "former-member");

            migrationBuilder.DropColumn(
                name: "DisplayName",
                table: "AspNetUsers");
        }
    }
}
