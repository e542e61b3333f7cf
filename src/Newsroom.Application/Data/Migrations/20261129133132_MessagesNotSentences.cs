using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Newsroom.Application.Data.Migrations
{
    /// <inheritdoc />
    public partial class MessagesNotSentences : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "generated_name",
                table: "revisions",
                type: "jsonb",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "message",
                table: "notifications",
                type: "jsonb",
                nullable: true);

            // Names and notifications written before hold English sentences. The common ones become messages, so they
            // read in the reader's language too; the rest (byline changes, live writers, schedules, anything sent back
            // to review) keep their sentence, which the pages show as written.
            foreach (var (code, pattern, args) in OldRevisionNames)
            {
                migrationBuilder.Sql(
                    $"""
                    UPDATE revisions SET generated_name = jsonb_build_object('code', '{code}', 'args', jsonb_build_array({args}))
                    FROM (SELECT id AS matched_id, regexp_match(name, '{pattern}') AS m FROM revisions) AS found
                    WHERE id = found.matched_id AND found.m IS NOT NULL AND generated_name IS NULL
                      AND name NOT LIKE '%(back to review: approval was of an earlier revision)';
                    """);
            }

            foreach (var (code, pattern) in OldNotifications)
            {
                migrationBuilder.Sql(
                    $"""
                    UPDATE notifications SET message = jsonb_build_object('code', '{code}', 'args', jsonb_build_array(found.m[1], found.m[2]))
                    FROM (SELECT id AS matched_id, regexp_match(text, '{pattern}') AS m FROM notifications) AS found
                    WHERE id = found.matched_id AND found.m IS NOT NULL AND message IS NULL;
                    """);
            }
        }

        private static readonly (string Code, string Pattern, string Args)[] OldRevisionNames =
        [
            ("revision.created", "^Created by ([^:(]+)$", "m[1]"),
            ("revision.edited", "^Edited by ([^:(]+)$", "m[1]"),
            ("revision.saved", "^Saved by ([^:(]+)$", "m[1]"),
            ("revision.submitted", "^Submitted for review by ([^:(]+)$", "m[1]"),
            ("revision.approved", "^Approved by ([^:(]+)$", "m[1]"),
            ("revision.published", "^Published by ([^:(]+)$", "m[1]"),
            ("revision.published.embargo-lifted", "^Published when the embargo lifted()$", ""),
            ("revision.restored-from-spike", "^Restored from the spike by ([^:(]+)$", "m[1]"),
            ("revision.changes-requested", "^Changes requested by ([^:(]+)$", "m[1]"),
            ("revision.changes-requested.note", "^Changes requested by ([^:(]+): (.+)$", "m[1], m[2]"),
            ("revision.unpublished", "^Unpublished by ([^:(]+)$", "m[1]"),
            ("revision.unpublished.note", "^Unpublished by ([^:(]+): (.+)$", "m[1], m[2]"),
            ("revision.spiked", "^Spiked by ([^:(]+)$", "m[1]"),
            ("revision.spiked.note", "^Spiked by ([^:(]+): (.+)$", "m[1], m[2]"),
            ("revision.corrected", "^Corrected by ([^:(]+): (.+)$", "m[1], m[2]"),
            ("revision.legal-hold.on", "^Put on legal hold by ([^:(]+): (.+)$", "m[1], m[2]"),
            ("revision.legal-hold.off", "^Legal hold lifted by ([^:(]+): (.+)$", "m[1], m[2]"),
            ("revision.restored", "^Restored revision ([0-9]+) by ([^:(]+): (.+)$", "m[1]::int, m[2], m[3]"),
        ];

        private static readonly (string Code, string Pattern)[] OldNotifications =
        [
            ("notification.assigned", "^(.+) put you on “(.+)”\\.$"),
            ("notification.mentioned", "^(.+) mentioned you on “(.+)”\\.$"),
        ];

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // The sentences stayed in revisions.name and notifications.text: dropping the messages loses nothing.
            migrationBuilder.DropColumn(
                name: "generated_name",
                table: "revisions");

            migrationBuilder.DropColumn(
                name: "message",
                table: "notifications");
        }
    }
}
