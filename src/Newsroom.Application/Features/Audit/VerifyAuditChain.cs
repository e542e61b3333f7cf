using MediatR;
using Microsoft.EntityFrameworkCore;
using Newsroom.Application.Common.Security;
using Newsroom.Application.Data;
using Newsroom.Domain.Users;

namespace Newsroom.Application.Features.Audit;

/// <summary>
/// Walks the audit log's hash chain from the first row and names the first row that does not match: changed after
/// it was written (its hash is not of its content), or not following the row before it (a row before it was
/// removed, inserted or changed in its hash). Rows from before the chain began are counted, not checked.
/// </summary>
/// <remarks>
/// A chain shows changes inside it; removing rows from its end leaves a shorter chain that still matches. Compare
/// <see cref="Result.LastHash"/> with one kept elsewhere (a log line, a printout) to see that too.
/// </remarks>
public static class VerifyAuditChain
{
    private const int Batch = 1_000;

    [AllowedRoles(Roles.Admin)]
    public sealed record Query : IRequest<Result>;

    public sealed record Result(
        bool Intact, long RowsChecked, long RowsBeforeChain, long? FirstMismatchId, string? Problem, string? LastHash);

    public sealed class Handler(IDbContextFactory<NewsroomDbContext> dbFactory) : IRequestHandler<Query, Result>
    {
        public async Task<Result> Handle(Query query, CancellationToken cancellationToken)
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            string? previous = null;
            long checkedRows = 0, beforeChain = 0, after = 0;
            while (true)
            {
                var rows = await db.AuditLog.AsNoTracking()
                    .Where(a => a.Id > after)
                    .OrderBy(a => a.Id)
                    .Take(Batch)
                    .ToListAsync(cancellationToken);
                if (rows.Count == 0)
                {
                    return new Result(true, checkedRows, beforeChain, null, null, previous);
                }

                foreach (var row in rows)
                {
                    after = row.Id;
                    if (row.Hash is null && checkedRows == 0)
                    {
                        beforeChain++;
                        continue;
                    }

                    if (!row.IsSealedAfter(previous))
                    {
                        var problem = row.PreviousHash != previous
                            ? $"Row {row.Id} does not follow the row before it: a row before it was removed, inserted or re-hashed."
                            : $"Row {row.Id} was changed after it was written: its content does not match its hash.";
                        return new Result(false, checkedRows, beforeChain, row.Id, problem, previous);
                    }

                    previous = row.Hash;
                    checkedRows++;
                }
            }
        }
    }
}
