namespace Dispatcher.Core.Events;

/// <summary>
/// The event types Dispatcher itself emits about a workspace's webhooks, for the owner: a webhook may
/// subscribe to them like to any catalogue event, but producers may not publish them (a producer
/// could otherwise tell a customer their webhook was disabled when it was not).
/// </summary>
public static class OwnerNotificationEvents
{
    public const string Failing = "webhook.failing";
    public const string Disabled = "webhook.disabled";
    public const string Enabled = "webhook.enabled";
    public const string Recovered = "webhook.recovered";

    public static IReadOnlyList<EventType> All { get; } =
    [
        new(Failing, "A webhook's delivery failed its whole retry schedule; it keeps delivering (sent by Dispatcher)."),
        new(Disabled, "A webhook was disabled: 410 Gone, too many failures in a row, or the API (sent by Dispatcher)."),
        new(Enabled, "A disabled or failing webhook was enabled through the API (sent by Dispatcher)."),
        new(Recovered, "A failing webhook delivered successfully again (sent by Dispatcher)."),
    ];
}
