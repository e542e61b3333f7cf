using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Newsroom.Application.Data.Migrations
{
    /// <inheritdoc />
    public partial class InterfacePreferences : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "arabic_indic_digits",
                table: "users",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "interface_culture",
                table: "users",
                type: "character varying(10)",
                maxLength: 10,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "arabic_indic_digits",
                table: "users");

            migrationBuilder.DropColumn(
                name: "interface_culture",
                table: "users");
        }
    }
}
