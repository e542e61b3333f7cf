using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Newsroom.Application.Data.Migrations
{
    /// <inheritdoc />
    public partial class Workflow : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "approved_revision_number",
                table: "stories",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<Guid[]>(
                name: "assigned_reporter_ids",
                table: "stories",
                type: "uuid[]",
                nullable: false,
                defaultValue: new Guid[0]);

            migrationBuilder.AddColumn<string>(
                name: "corrections",
                table: "stories",
                type: "jsonb",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "first_published_at",
                table: "stories",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "published_at",
                table: "stories",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "reviewer_id",
                table: "stories",
                type: "uuid",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "editorial_comments",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    story_id = table.Column<Guid>(type: "uuid", nullable: false),
                    parent_id = table.Column<Guid>(type: "uuid", nullable: true),
                    author_id = table.Column<Guid>(type: "uuid", nullable: false),
                    body = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    anchor_field = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    anchor_from = table.Column<int>(type: "integer", nullable: true),
                    anchor_to = table.Column<int>(type: "integer", nullable: true),
                    anchor_revision = table.Column<int>(type: "integer", nullable: true),
                    mentioned_user_ids = table.Column<Guid[]>(type: "uuid[]", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    is_resolved = table.Column<bool>(type: "boolean", nullable: false),
                    resolved_by = table.Column<Guid>(type: "uuid", nullable: true),
                    resolved_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_editorial_comments", x => x.id);
                    table.ForeignKey(
                        name: "fk_editorial_comments_editorial_comments_parent_id",
                        column: x => x.parent_id,
                        principalTable: "editorial_comments",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_editorial_comments_stories_story_id",
                        column: x => x.story_id,
                        principalTable: "stories",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_editorial_comments_users_author_id",
                        column: x => x.author_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "notifications",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                    user_id = table.Column<Guid>(type: "uuid", nullable: false),
                    story_id = table.Column<Guid>(type: "uuid", nullable: false),
                    kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    text = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    read_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_notifications", x => x.id);
                    table.ForeignKey(
                        name: "fk_notifications_stories_story_id",
                        column: x => x.story_id,
                        principalTable: "stories",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_notifications_users_user_id",
                        column: x => x.user_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_stories_reviewer_id",
                table: "stories",
                column: "reviewer_id");

            migrationBuilder.CreateIndex(
                name: "ix_editorial_comments_author_id",
                table: "editorial_comments",
                column: "author_id");

            migrationBuilder.CreateIndex(
                name: "ix_editorial_comments_parent_id",
                table: "editorial_comments",
                column: "parent_id");

            migrationBuilder.CreateIndex(
                name: "ix_editorial_comments_story_id_created_at",
                table: "editorial_comments",
                columns: new[] { "story_id", "created_at" });

            migrationBuilder.CreateIndex(
                name: "ix_notifications_story_id",
                table: "notifications",
                column: "story_id");

            migrationBuilder.CreateIndex(
                name: "ix_notifications_user_id_read_at",
                table: "notifications",
                columns: new[] { "user_id", "read_at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "editorial_comments");

            migrationBuilder.DropTable(
                name: "notifications");

            migrationBuilder.DropIndex(
                name: "ix_stories_reviewer_id",
                table: "stories");

            migrationBuilder.DropColumn(
                name: "approved_revision_number",
                table: "stories");

            migrationBuilder.DropColumn(
                name: "assigned_reporter_ids",
                table: "stories");

            migrationBuilder.DropColumn(
                name: "corrections",
                table: "stories");

            migrationBuilder.DropColumn(
                name: "first_published_at",
                table: "stories");

            migrationBuilder.DropColumn(
                name: "published_at",
                table: "stories");

            migrationBuilder.DropColumn(
                name: "reviewer_id",
                table: "stories");
        }
    }
}
