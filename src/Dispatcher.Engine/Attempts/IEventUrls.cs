namespace Dispatcher.Engine.Attempts;

/// <summary>
/// Where a receiver fetches a whole event (<c>GET /v1/events/{id}</c>) when its signed body would be
/// too large to send: the host knows its public address, the engine does not.
/// </summary>
public interface IEventUrls
{
    string EventUrl(string eventId);
}
