using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Newsroom.Application.Data.Migrations
{
    /// <inheritdoc />
    public partial class SuggestionsAndAuthorship : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "tracked",
                table: "live_texts",
                type: "jsonb",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "tracking",
                table: "live_text_updates",
                type: "jsonb",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "tracked",
                table: "live_texts");

            migrationBuilder.DropColumn(
                name: "tracking",
                table: "live_text_updates");
        }
    }
}
