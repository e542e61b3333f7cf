using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.InteropServices;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.AspNetCore.SignalR.Protocol;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Newsroom.Testing;

/// <summary>
/// SignalR's JSON protocol for a process running hundreds of clients of the same texts (the load tool). The server
/// sends every client of a text the same bytes for a broadcast, and parsing them once per client was a quarter of the
/// generator's CPU (its profile at 200 editors in one story). Here a broadcast (an invocation that expects no answer)
/// is parsed by the first client to receive it; the others, finding the very same bytes (compared in full, not only
/// by hash) and the same handler types, take that message, whose arguments are read and never changed. Everything
/// else, answers to a client's own calls included, is parsed as usual. Ask for it with <see cref="UseFor"/>.
/// </summary>
public sealed class SharedBroadcasts : IHubProtocol
{
    private const byte RecordSeparator = 0x1e;
    private static readonly RecentCache<(ulong Hash, int Length), Parsed> Cache = new();
    private readonly JsonHubProtocol _json = new();

    /// <summary>Broadcasts taken from another connection's parse so far, in this process.</summary>
    public static long Reused => Interlocked.Read(ref _reused);

    private static long _reused;

    public string Name => _json.Name;

    public int Version => _json.Version;

    public TransferFormat TransferFormat => _json.TransferFormat;

    /// <summary>Makes the connections <paramref name="builder"/> builds read broadcasts this way.</summary>
    public static IHubConnectionBuilder UseFor(IHubConnectionBuilder builder)
    {
        builder.Services.RemoveAll<IHubProtocol>();
        builder.Services.AddSingleton<IHubProtocol, SharedBroadcasts>();
        return builder;
    }

    public bool TryParseMessage(ref ReadOnlySequence<byte> input, IInvocationBinder binder, [NotNullWhen(true)] out HubMessage? message)
    {
        if (input.PositionOf(RecordSeparator) is not { } end)
        {
            message = null;
            return false;
        }

        var frame = input.Slice(0, input.GetPosition(1, end));
        var bytes = frame.IsSingleSegment ? frame.FirstSpan : frame.ToArray();
        var key = (Hash(bytes), bytes.Length);
        if (Cache.TryGetValue(key, out var parsed) && bytes.SequenceEqual(parsed.Bytes)
                                                    && binder.GetParameterTypes(parsed.Message.Target).SequenceEqual(parsed.Types))
        {
            input = input.Slice(frame.End);
            message = parsed.Message;
            Interlocked.Increment(ref _reused);
            return true;
        }

        if (!_json.TryParseMessage(ref input, binder, out message))
        {
            return false;
        }

        if (message is InvocationMessage { InvocationId: null } broadcast)
        {
            Cache.Set(key, new Parsed(bytes.ToArray(), broadcast, [.. binder.GetParameterTypes(broadcast.Target)]));
        }

        return true;
    }

    public void WriteMessage(HubMessage message, IBufferWriter<byte> output) => _json.WriteMessage(message, output);

    public ReadOnlyMemory<byte> GetMessageBytes(HubMessage message) => _json.GetMessageBytes(message);

    public bool IsVersionSupported(int version) => _json.IsVersionSupported(version);

    // FNV-1a over eight bytes at a time: only to find the candidate, which is then compared byte for byte.
    private static ulong Hash(ReadOnlySpan<byte> bytes)
    {
        var hash = 14695981039346656037UL;
        foreach (var word in MemoryMarshal.Cast<byte, ulong>(bytes))
        {
            hash = (hash ^ word) * 1099511628211UL;
        }

        foreach (var b in bytes[(bytes.Length & ~7)..])
        {
            hash = (hash ^ b) * 1099511628211UL;
        }

        return hash;
    }

    private sealed record Parsed(byte[] Bytes, InvocationMessage Message, Type[] Types);
}
