using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Newsroom.Application.Data.Migrations
{
    /// <inheritdoc />
    public partial class RevisionAuthorship : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "authorship",
                table: "revisions",
                type: "jsonb",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "authorship",
                table: "revisions");
        }
    }
}
