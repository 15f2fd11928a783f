using Dispatcher.Engine.Attempts;
using Dispatcher.Server.Configuration;
using Microsoft.Extensions.Options;

namespace Dispatcher.Server.Hosting;

/// <summary><c>GET /v1/events/{id}</c> at <c>Dispatcher:PublicUrl</c>, else at the address the REST endpoint bound.</summary>
public sealed class EventUrls(ServerEndpoints endpoints, IOptions<DispatcherOptions> options) : IEventUrls
{
    public string EventUrl(string eventId)
    {
        var baseUrl = options.Value.PublicUrl ?? endpoints.Http;
        return $"{baseUrl.AbsoluteUri.TrimEnd('/')}/v1/events/{Uri.EscapeDataString(eventId)}";
    }
}
