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

    public IngestConnection(IConnectionMultiplexer shared, IOptions<DispatcherOptions> options)
    {
        if (options.Value.Ingest.WaitForReplicas > 0)
        {
            var configuration = ConfigurationOptions.Parse(shared.Configuration);
            // As the shared one: start while Redis is down, ingest answers Unavailable until it is back.
            configuration.AbortOnConnectFail = false;
            _own = ConnectionMultiplexer.Connect(configuration);
        }
        Multiplexer = _own ?? shared;
    }

    public IConnectionMultiplexer Multiplexer { get; }

    public void Dispose() => _own?.Dispose();
}
