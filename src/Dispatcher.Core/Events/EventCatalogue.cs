using System.Collections.Frozen;

namespace Dispatcher.Core.Events;

/// <summary>
/// The events producers may publish: the union of what the seed systems' documents promise.
/// Names follow resource.action; the profiles map them to each format's own names. It also lists
/// the owner notifications Dispatcher emits itself (<see cref="OwnerNotificationEvents"/>), which
/// webhooks may subscribe to and producers may not publish.
/// </summary>
public static class EventCatalogue
{
    public static IReadOnlyList<EventType> All { get; } =
    [
        new("link.created", "A new short link was created."),
        new("link.updated", "A link's destination, slug, expiry, password or rules changed."),
        new("link.deleted", "A link was deleted."),
        new("link.clicked", "Every click on a short link (with breakdown)."),
        new("link.expired", "A link's expiry date was reached and the link is now inactive."),
        new("link.limit_reached", "A link hit its click limit and no longer redirects."),
        new("link.geo_blocked", "A visitor was blocked from a link by geo-restriction rules."),
        new("link.clicked.aggregated", "Click counts per link for one closed one-minute window."),
        new("qr.created", "A new QR code was created."),
        new("qr.generated", "A QR code image was rendered."),
        new("qr.scanned", "Every QR code scan."),
        new("bio.visited", "Every bio page visit."),
        new("conversion.recorded", "A conversion postback was received for a click."),
        new("alert.triggered", "An alert rule condition was met (e.g. a click spike)."),
        new("security.flagged", "A link was flagged by the safety layers."),
        new("abuse.flagged", "The URL scanner marked a destination as suspicious."),
        new("domain.verified", "A custom domain's DNS check passed."),
        new("domain.tls_renewed", "The TLS certificate of a custom domain was renewed."),
        new("member.invited", "A member was invited to the workspace."),
        new("member.removed", "A member was removed from the workspace."),
        .. OwnerNotificationEvents.All,
    ];

    private static readonly FrozenDictionary<string, EventType> ByName =
        All.ToFrozenDictionary(e => e.Name, StringComparer.Ordinal);

    /// <summary>Whether producers may publish <paramref name="name"/> and webhooks subscribe to it.</summary>
    public static bool Contains(string name) => ByName.ContainsKey(name);

    /// <summary>Whether producers may publish <paramref name="name"/>: in the catalogue, and not one of Dispatcher's own notifications.</summary>
    public static bool IsPublishable(string name) => Contains(name) && !IsOwnerNotification(name);

    /// <summary>Whether <paramref name="name"/> is one of the notifications Dispatcher emits about a workspace's webhooks.</summary>
    public static bool IsOwnerNotification(string name) => OwnerNotificationEvents.All.Any(e => e.Name == name);
}
