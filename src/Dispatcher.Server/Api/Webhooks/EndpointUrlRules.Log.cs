using Dispatcher.Core.Logging;

namespace Dispatcher.Server.Api.Webhooks;

public sealed partial class EndpointUrlRules
{
    [LoggerMessage(EventId = LogEventIds.EndpointRefused, EventName = nameof(LogEventIds.EndpointRefused), Level = LogLevel.Information,
        Message = "Refused to register an endpoint: {Reason}")]
    private static partial void LogEndpointRefused(ILogger logger, string reason);
}
