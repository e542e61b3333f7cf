using MediatR;
using Microsoft.Extensions.Options;
using Newsroom.Application.Collab;
using Newsroom.Application.Common.Mediation;
using Newsroom.Application.Common.Security;
using Newsroom.Domain.Collab;
using Newsroom.Domain.Users;

namespace Newsroom.Application.Features.Drafts.Live;

/// <summary>
/// Keeps the live texts' memory bounded through a long day: lets go of texts saved and untouched for a while (the next
/// request opens them again from the log), and compacts the log of saved texts that have grown long
/// (<see cref="LogCompaction"/>). Sent by the host's timer as the System role; answers how many texts it let go of
/// or compacted (a text both counts once).
/// </summary>
public static class CompactLiveTexts
{
    [AllowedRoles(Roles.System)]
    public sealed record Command : IRequest<int>, IFrequentRequest;

    public sealed class Options
    {
        /// <summary>A saved text nobody has asked for in this long leaves memory.</summary>
        public TimeSpan ForgetAfter { get; set; } = TimeSpan.FromMinutes(10);

        /// <summary>
        /// Updates kept in the log behind what was saved: a client this far behind can still pull and push against its
        /// version. A pull's worth, so no client that could catch up by pulling is left behind.
        /// </summary>
        public int KeepUpdates { get; set; } = PushLimits.MaxPullUpdates;

        /// <summary>Compaction waits until this many more can go, so it runs now and then, not on every tick.</summary>
        public int CompactEvery { get; set; } = 1_000;
    }

    public sealed class Handler(TextSessions sessions, LogCompaction compaction, IOptions<Options> options)
        : IRequestHandler<Command, int>
    {
        public async Task<int> Handle(Command command, CancellationToken cancellationToken)
        {
            var limits = options.Value;
            var done = 0;
            foreach (var session in sessions.Held)
            {
                // Compacted before it is let go of: the log of a text nobody opens again is compacted only here.
                var compacted = session.Version - session.BaseVersion >= limits.KeepUpdates + limits.CompactEvery
                                && await compaction.CompactAsync(session, limits.KeepUpdates, cancellationToken);
                if (sessions.TryForget(session, limits.ForgetAfter) || compacted)
                {
                    done++;
                }
            }

            return done;
        }
    }
}
