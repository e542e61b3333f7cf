using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Newsroom.Application.Data.Migrations
{
    /// <inheritdoc />
    public partial class WallArticlesSearch : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "breaking_news",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    text = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    raised_by = table.Column<Guid>(type: "uuid", nullable: false),
                    raised_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    cleared_by = table.Column<Guid>(type: "uuid", nullable: true),
                    cleared_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_breaking_news", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "display_links",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    token_hash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    created_by = table.Column<Guid>(type: "uuid", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    revoked_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    last_seen_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_display_links", x => x.id);
                    table.ForeignKey(
                        name: "fk_display_links_users_created_by",
                        column: x => x.created_by,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "reader_comments",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    story_id = table.Column<Guid>(type: "uuid", nullable: false),
                    author_name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    email = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    body = table.Column<string>(type: "character varying(5000)", maxLength: 5000, nullable: false),
                    status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    posted_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    moderated_by = table.Column<Guid>(type: "uuid", nullable: true),
                    moderated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_reader_comments", x => x.id);
                    table.ForeignKey(
                        name: "fk_reader_comments_stories_story_id",
                        column: x => x.story_id,
                        principalTable: "stories",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_breaking_news_cleared_at",
                table: "breaking_news",
                column: "cleared_at",
                unique: true,
                filter: "cleared_at IS NULL")
                .Annotation("Npgsql:NullsDistinct", false);

            migrationBuilder.CreateIndex(
                name: "ix_display_links_created_by",
                table: "display_links",
                column: "created_by");

            migrationBuilder.CreateIndex(
                name: "ix_display_links_token_hash",
                table: "display_links",
                column: "token_hash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_reader_comments_status",
                table: "reader_comments",
                column: "status");

            migrationBuilder.CreateIndex(
                name: "ix_reader_comments_story_id_status",
                table: "reader_comments",
                columns: new[] { "story_id", "status" });

            // Search (see Features/Search): PostgreSQL's arabic configuration strips diacritics, folds أ/إ/آ and strips
            // ال, but not ى/ي, tatweel, or a leading و/ف before ال. This function does those, on the indexed text and
            // on every query alike (SearchText.Fold in C# calls it), so what people type matches what was written.
            migrationBuilder.Sql("""
                CREATE FUNCTION newsroom_fold_arabic(input text) RETURNS text
                LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
                    SELECT regexp_replace(
                        regexp_replace(translate(input, 'ىـ', 'ي'), '[\u064B-\u065F\u0670]', '', 'g'),
                        '(^|[^ء-ي])[وف](ال[ء-ي])', '\1\2', 'g')
                $$;
                """);
            migrationBuilder.Sql("""
                ALTER TABLE stories ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
                    CASE WHEN language = 'ar' THEN
                        setweight(to_tsvector('arabic'::regconfig, newsroom_fold_arabic(headline)), 'A')
                        || setweight(to_tsvector('arabic'::regconfig, newsroom_fold_arabic(standfirst)), 'B')
                        || setweight(to_tsvector('arabic'::regconfig, newsroom_fold_arabic(body)), 'C')
                    ELSE
                        setweight(to_tsvector('english'::regconfig, headline), 'A')
                        || setweight(to_tsvector('english'::regconfig, standfirst), 'B')
                        || setweight(to_tsvector('english'::regconfig, body), 'C')
                    END) STORED;
                CREATE INDEX ix_stories_search_vector ON stories USING GIN (search_vector);
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP INDEX ix_stories_search_vector;
                ALTER TABLE stories DROP COLUMN search_vector;
                DROP FUNCTION newsroom_fold_arabic(text);
                """);

            migrationBuilder.DropTable(
                name: "breaking_news");

            migrationBuilder.DropTable(
                name: "display_links");

            migrationBuilder.DropTable(
                name: "reader_comments");
        }
    }
}
