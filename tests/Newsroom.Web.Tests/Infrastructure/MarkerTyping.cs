using System.Collections.Concurrent;
using Newsroom.Domain.Collab;
using Newsroom.Testing;

namespace Newsroom.Web.Tests.Infrastructure;

/// <summary>
/// People typing numbered markers at the end of a shared text through a fault: what each typed, which markers a
/// returned push acknowledged, and how the pushes that did not return failed.
/// </summary>
public sealed class MarkerTyping
{
    public ConcurrentBag<string> Typed { get; } = [];

    public ConcurrentBag<string> Acknowledged { get; } = [];

    public ConcurrentQueue<Exception> Failures { get; } = new();

    /// <summary>
    /// Types a marker and pushes, every 20-50 ms until stopped. A push that fails with an exception
    /// <paramref name="expected"/> accepts leaves its markers unconfirmed, as in a browser, to go with the next push.
    /// </summary>
    public async Task TypeUntilStoppedAsync(HubTextClient client, int index, Func<Exception, bool> expected, CancellationToken stop)
    {
        var pending = new List<string>();
        for (var i = 0; !stop.IsCancellationRequested; i++)
        {
            var marker = $"⟦{index}.{i}⟧";
            await client.EditAsync(doc => ChangeSet.Replace(doc.Length, doc.Length, doc.Length, " " + marker));
            Typed.Add(marker);
            pending.Add(marker);
            try
            {
                await client.PushAsync();
                pending.ForEach(Acknowledged.Add);
                pending.Clear();
            }
            catch (Exception e) when (expected(e))
            {
                Failures.Enqueue(e);
            }

            await Task.Delay(20, CancellationToken.None);
        }
    }

    /// <summary>Every acknowledged marker is in <paramref name="text"/>, and every typed one exactly once.</summary>
    public void AssertAllLandedOnce(string text)
    {
        Assert.All(Acknowledged, marker => Assert.Contains(marker, text, StringComparison.Ordinal));
        Assert.All(Typed, marker => Assert.Equal(1, (text.Length - text.Replace(marker, "", StringComparison.Ordinal).Length) / marker.Length));
    }
}
