using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Newsroom.Application.Data.Migrations
{
    /// <inheritdoc />
    public partial class CommentAnchorsFollowLiveText : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "anchor_live_version",
                table: "editorial_comments",
                type: "integer",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "anchor_live_version",
                table: "editorial_comments");
        }
    }
}
