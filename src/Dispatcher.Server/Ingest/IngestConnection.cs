using Dispatcher.Server.Configuration;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Dispatcher.Server.Ingest;

/// <summary>
/// The connection ingest writes on. With Dispatcher:Ingest:WaitForReplicas set it is a second
/// multiplexer of its own: Redis WAIT blocks the connection it is sent on (and must be sent on the
/// one that wrote), so on the shared one a replica outage would hold every delivery and lease
/// renewal of this instance behind each ingest request's wait. Without it, the shared one.
/// </summary>
public sealed class IngestConnection : IDisposable
{
    private readonly ConnectionMultiplexer? _own;

    public IngestConnection(IConnectionMultiplexer shared, ConfigurationOptions sharedConfiguration, IOptions<DispatcherOptions> options)
    {
        var ingest = options.Value.Ingest;
        if (ingest.WaitForReplicas > 0)
        {
            // The shared one's settings (it starts while Redis is down, too: ingest answers Unavailable until it is back).
            var configuration = sharedConfiguration.Clone();
            // A WAIT that outlived the client's own timeout would be reported as Redis unreachable
            // (the shared connection keeps its short one, so outages still show quickly there).
            configuration.AsyncTimeout = Math.Max(configuration.AsyncTimeout, (int)Math.Min(ingest.WaitForReplicasTimeout.TotalMilliseconds, 60_000) + 1000);
            _own = ConnectionMultiplexer.Connect(configuration);
        }
        Multiplexer = _own ?? shared;
    }

    public IConnectionMultiplexer Multiplexer { get; }

    public void Dispose() => _own?.Dispose();
}
