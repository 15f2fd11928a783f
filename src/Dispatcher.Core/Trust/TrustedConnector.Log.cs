using Dispatcher.Core.Logging;
using Microsoft.Extensions.Logging;

namespace Dispatcher.Core.Trust;

public sealed partial class TrustedConnector
{
    [LoggerMessage(EventId = LogEventIds.ConnectRefused, EventName = nameof(LogEventIds.ConnectRefused), Level = LogLevel.Warning,
        Message = "Refused to connect to {Host}:{Port}: {Reason}")]
    private static partial void LogConnectRefused(ILogger logger, string host, int port, string reason);
}
