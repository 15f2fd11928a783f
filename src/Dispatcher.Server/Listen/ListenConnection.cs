using System.Threading.Channels;
using Dispatcher.Protocol.V1;

namespace Dispatcher.Server.Listen;

/// <summary>One connected <c>Listen</c> stream of <see cref="Workspace"/>: the attempts waiting to be written to it.</summary>
public sealed class ListenConnection(string workspace)
{
    /// <summary>
    /// Attempts waiting for the stream at most. In practice the webhook's senders bound them (each
    /// waits for its report), but relayed attempts and a CLI that stops reading are not bounded by
    /// that: past this an attempt fails as a connection error and is retried on the schedule.
    /// </summary>
    public const int Capacity = 64;

    // TryWrite never waits: on a full channel it answers false, which SendAsync turns into a failed attempt.
    private readonly Channel<ForwardedDelivery> _outbox = Channel.CreateBounded<ForwardedDelivery>(
        new BoundedChannelOptions(Capacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });

    /// <summary>The workspace whose API key opened the stream; only it may report on the stream's attempts.</summary>
    public string Workspace { get; } = workspace;

    public ChannelReader<ForwardedDelivery> Reader => _outbox.Reader;

    /// <summary>True while <see cref="Capacity"/> attempts wait: a failed write was refused for room, not because the stream closed.</summary>
    public bool IsFull => _outbox.Reader.Count >= Capacity;

    public bool TryWrite(ForwardedDelivery delivery) => _outbox.Writer.TryWrite(delivery);

    public void Close() => _outbox.Writer.TryComplete();
}
