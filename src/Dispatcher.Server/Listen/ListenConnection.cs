using System.Threading.Channels;
using Dispatcher.Protocol.V1;

namespace Dispatcher.Server.Listen;

/// <summary>One connected <c>Listen</c> stream: the attempts waiting to be written to it.</summary>
public sealed class ListenConnection
{
    // Bounded by the webhook's senders (ConcurrencyPerEndpoint) in practice: each waits for its report.
    private readonly Channel<ForwardedDelivery> _outbox = Channel.CreateUnbounded<ForwardedDelivery>(new UnboundedChannelOptions { SingleReader = true });

    public ChannelReader<ForwardedDelivery> Reader => _outbox.Reader;

    public bool TryWrite(ForwardedDelivery delivery) => _outbox.Writer.TryWrite(delivery);

    public void Close() => _outbox.Writer.TryComplete();
}
