using System.Collections.Frozen;
using Dispatcher.Core.Events;

namespace Dispatcher.Core.Profiles;

/// <summary>
/// Everything one seed system's documentation fixes about a delivery, as data: the envelope, the
/// event names, the signature, and the delivery rules the doc states. A null rule means the doc is
/// silent and the deployment's default applies; a webhook's own setting beats both.
/// </summary>
/// <param name="EventNames">Catalogue name → this format's name, where they differ. Every other
/// catalogue event keeps its catalogue name.</param>
public sealed record WebhookProfile(
    string Name,
    string Title,
    EnvelopeLayout Envelope,
    SignatureScheme Signature,
    string SignatureHeader,
    IReadOnlyDictionary<string, string> EventNames)
{
    private readonly FrozenDictionary<string, string> _catalogueNames = EventCatalogue.All
        .ToFrozenDictionary(e => EventNames.GetValueOrDefault(e.Name, e.Name), e => e.Name, StringComparer.Ordinal);

    /// <summary>The header carrying the event id, for formats whose envelope has no id field.</summary>
    public string? EventIdHeader { get; init; }

    /// <summary>How far a receiver should let the signed timestamp drift (replay protection); null when none is signed.</summary>
    public TimeSpan? Tolerance { get; init; }

    /// <summary>Delays between attempts, in seconds.</summary>
    public IReadOnlyList<int>? RetrySchedule { get; init; }

    /// <summary>Failed deliveries in a row (each after its whole schedule) that disable the webhook.</summary>
    public int? DisableAfterFailures { get; init; }

    /// <summary>How long a receiver has to answer one attempt.</summary>
    public TimeSpan? RequestTimeout { get; init; }

    /// <summary>Whether the signing key is the base64 after <c>whsec_</c> rather than the secret's UTF-8 bytes.</summary>
    public bool DecodesSecret => Signature == SignatureScheme.StandardWebhooks;

    /// <summary>Whether the header can carry a signature per live secret during a rotation.</summary>
    public bool SignsWithEveryLiveSecret => Signature != SignatureScheme.BodyHex;

    /// <summary>The name this format gives a catalogue event (also for events outside the catalogue, e.g. <c>webhook.test</c>).</summary>
    public string EventName(string catalogueName) => EventNames.GetValueOrDefault(catalogueName, catalogueName);

    /// <summary>Reads one of this format's full event names back into the catalogue's.</summary>
    public bool TryGetCatalogueName(string formatName, out string catalogueName) =>
        _catalogueNames.TryGetValue(formatName, out catalogueName!);
}
