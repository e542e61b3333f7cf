using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Newsroom.Application.Data;
using Newsroom.Domain.Collab;

namespace Newsroom.Load;

/// <summary>What the database's update log spells out for a text: its checkpoint with every update after it applied, and who sent each.</summary>
public static class UpdateLog
{
    public sealed record Logged(string Text, int Version, IReadOnlyList<string> ClientIds);

    public static async Task<Logged> ReadAsync(Rig rig, Guid story, string field)
    {
        var options = new DbContextOptionsBuilder<NewsroomDbContext>();
        DataRegistration.Configure(options, rig.ConnectionString);
        await using var db = new NewsroomDbContext(options.Options);
        var checkpoint = await db.LiveTexts.AsNoTracking().SingleAsync(t => t.StoryId == story && t.Field == field);
        var rows = await db.LiveTextUpdates.AsNoTracking()
            .Where(u => u.StoryId == story && u.Field == field && u.Version > checkpoint.BaseVersion)
            .OrderBy(u => u.Version).ToListAsync();
        var text = new TextBuffer(checkpoint.BaseText);
        foreach (var row in rows)
        {
            ChangeSet.FromJson(JsonDocument.Parse(row.Changes).RootElement).ApplyTo(text);
        }

        return new Logged(text.ToString(), checkpoint.BaseVersion + rows.Count, rows.Select(r => r.ClientId).ToList());
    }
}
