using Dispatcher.Core.Logging;

namespace Dispatcher.Server.Listen;

public sealed partial class ListenRelayInbox
{
    [LoggerMessage(EventId = LogEventIds.ListenRelaySubscribeFailed, EventName = nameof(LogEventIds.ListenRelaySubscribeFailed), Level = LogLevel.Warning,
        Message = "Could not subscribe to relayed listen attempts; retrying in 1 s (other instances' attempts for streams here time out meanwhile)")]
    private static partial void LogSubscribeFailed(ILogger logger, Exception exception);
}
