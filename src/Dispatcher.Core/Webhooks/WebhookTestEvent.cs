using System.Security.Cryptography;

namespace Dispatcher.Core.Webhooks;

/// <summary>
/// <c>webhook.test</c>: sent to one webhook on request (and when it is created) so the customer
/// sees the endpoint is reachable. Not in the catalogue, so producers cannot publish it and no
/// webhook can subscribe to it; it gets one attempt and never changes the webhook's status.
/// </summary>
public static class WebhookTestEvent
{
    public const string Type = "webhook.test";

    private const string Alphabet = "0123456789abcdefghijklmnopqrstuvwxyz";

    /// <summary>A fresh id each time: every test is a new event, never a duplicate of the last.</summary>
    public static string NewEventId() => "evt_test_" + RandomNumberGenerator.GetString(Alphabet, 20);
}
