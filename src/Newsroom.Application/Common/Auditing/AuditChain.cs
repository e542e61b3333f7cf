using Microsoft.EntityFrameworkCore;
using Newsroom.Application.Data;
using Newsroom.Domain.Auditing;

namespace Newsroom.Application.Common.Auditing;

/// <summary>
/// Appends rows to the audit log's hash chain. Two commands auditing at once must still make one chain, so each
/// append takes a PostgreSQL advisory lock for its transaction, reads the last row's hash and writes the new row
/// after it: the chain's order is the rows' id order, on one instance or many.
/// </summary>
public sealed class AuditChain(IDbContextFactory<NewsroomDbContext> dbFactory)
{
    // Any constant unique among the app's advisory locks; account changes use another.
    private const long ChainLock = 0x4E_52_41_55; // "NRAU"

    public async Task AppendAsync(AuditEntry entry, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({ChainLock})", cancellationToken);
        var previous = await db.AuditLog.AsNoTracking()
            .OrderByDescending(a => a.Id)
            .Select(a => a.Hash)
            .FirstOrDefaultAsync(cancellationToken);
        entry.Seal(previous);
        db.AuditLog.Add(entry);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }
}
