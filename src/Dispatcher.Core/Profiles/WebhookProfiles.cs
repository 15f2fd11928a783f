using System.Collections.Frozen;

namespace Dispatcher.Core.Profiles;

/// <summary>
/// The formats Dispatcher speaks: one per seed system (../shared/seeds/) plus Standard Webhooks.
/// Each value below is quoted from that system's webhook documentation; where the doc is silent
/// the property is left null and the deployment's default applies.
/// </summary>
public static class WebhookProfiles
{
    /// <summary>The deployment's format when <c>Dispatcher:DefaultFormat</c> is not set.</summary>
    public const string DefaultName = "cd4cd";

    private static readonly FrozenDictionary<string, string> SameNames = FrozenDictionary<string, string>.Empty;

    /// <summary>cd4cd-webhooks.txt: <c>{id, type, createdAt, data}</c>, <c>CD4CD-Signature: t=…,v1=…</c>,
    /// 10 s, 1m → 5m → 15m → 1h → 6h → 24h, "after 6 failed attempts we pause the webhook": the first
    /// delivery to fail its whole schedule disables it.</summary>
    public static WebhookProfile Cd4cd { get; } = new(
        "cd4cd", "CD4CD", new EnvelopeLayout("id", "type", "createdAt", TimestampPrecision.Milliseconds),
        SignatureScheme.TimestampedHex, "CD4CD-Signature", SameNames)
    {
        RequestTimeout = TimeSpan.FromSeconds(10),
        RetrySchedule = [60, 300, 900, 3600, 21600, 86400],
        DisableAfterFailures = 1,
    };

    /// <summary>snip-webhooks.txt: <c>url.*</c> events, <c>{event, timestamp, data}</c>,
    /// <c>X-Snip-Signature</c> = hex HMAC of <c>JSON.stringify(req.body)</c>. Silent on retries and timeouts.</summary>
    public static WebhookProfile Snip { get; } = new(
        "snip", "snip.sa", new EnvelopeLayout(null, "event", "timestamp", TimestampPrecision.Milliseconds),
        SignatureScheme.BodyHex, "X-Snip-Signature", new Dictionary<string, string>
        {
            ["link.clicked"] = "url.clicked",
            ["link.created"] = "url.created",
            ["link.updated"] = "url.updated",
            ["link.deleted"] = "url.deleted",
        }.ToFrozenDictionary())
    {
        EventIdHeader = "X-Snip-Event-Id",
    };

    /// <summary>georedir-webhooks.txt: <c>click</c>, <c>conversion</c>, <c>{event, timestamp, data}</c>,
    /// <c>X-GeoRedir-Signature</c> = hex HMAC of the body, 30 s, 1m, 5m, 30m, 2h, 8h, auto-disable after 10.</summary>
    public static WebhookProfile GeoRedir { get; } = new(
        "georedir", "GeoRedir", new EnvelopeLayout(null, "event", "timestamp", TimestampPrecision.Seconds),
        SignatureScheme.BodyHex, "X-GeoRedir-Signature", new Dictionary<string, string>
        {
            ["link.clicked"] = "click",
            ["conversion.recorded"] = "conversion",
        }.ToFrozenDictionary())
    {
        EventIdHeader = "X-GeoRedir-Event-Id",
        RequestTimeout = TimeSpan.FromSeconds(30),
        RetrySchedule = [60, 300, 1800, 7200, 28800],
        DisableAfterFailures = 10,
    };

    /// <summary>awsys-webhooks.txt: <c>link.click</c> … <c>link.geo_blocked</c>, <c>{event, timestamp, data}</c>,
    /// <c>X-Awsys-Signature</c> = hex HMAC of the raw body, 10 s, 30 s, 5 m, 30 m. Silent on disabling.</summary>
    public static WebhookProfile Awsys { get; } = new(
        "awsys", "AWSYS.CO", new EnvelopeLayout(null, "event", "timestamp", TimestampPrecision.Seconds),
        SignatureScheme.BodyHex, "X-Awsys-Signature", new Dictionary<string, string>
        {
            ["link.clicked"] = "link.click",
        }.ToFrozenDictionary())
    {
        EventIdHeader = "X-Awsys-Event-Id",
        RequestTimeout = TimeSpan.FromSeconds(10),
        RetrySchedule = [30, 300, 1800],
    };

    /// <summary>elido-webhooks.txt: <c>{id, type, created_at, workspace_id, data}</c>, <c>Elido-Signature:
    /// t=…,v1=…</c>, reject |now − t| &gt; 300 s, 10 s, 30s, 1m, 5m, 30m, 2h, 12h, auto-disable after 5.</summary>
    public static WebhookProfile Elido { get; } = new(
        "elido", "Elido", new EnvelopeLayout("id", "type", "created_at", TimestampPrecision.Milliseconds, "workspace_id"),
        SignatureScheme.TimestampedHex, "Elido-Signature", SameNames)
    {
        Tolerance = TimeSpan.FromSeconds(300),
        RequestTimeout = TimeSpan.FromSeconds(10),
        RetrySchedule = [30, 60, 300, 1800, 7200, 43200],
        DisableAfterFailures = 5,
    };

    /// <summary>Standard Webhooks (standardwebhooks.com): <c>{type, timestamp, data}</c> with
    /// <c>webhook-id</c>, <c>webhook-timestamp</c>, <c>webhook-signature</c>; verifiers allow 5 minutes.</summary>
    public static WebhookProfile StandardWebhooks { get; } = new(
        "standard-webhooks", "Standard Webhooks", new EnvelopeLayout(null, "type", "timestamp", TimestampPrecision.Milliseconds),
        SignatureScheme.StandardWebhooks, "webhook-signature", SameNames)
    {
        EventIdHeader = "webhook-id",
        Tolerance = TimeSpan.FromMinutes(5),
    };

    public static IReadOnlyList<WebhookProfile> All { get; } = [Cd4cd, Snip, GeoRedir, Awsys, Elido, StandardWebhooks];

    private static readonly FrozenDictionary<string, WebhookProfile> ByName = All.ToFrozenDictionary(p => p.Name, StringComparer.Ordinal);

    public static WebhookProfile? Find(string? name) => name is not null && ByName.TryGetValue(name, out var profile) ? profile : null;

    /// <summary>The names a webhook's <c>format</c> may take, for error messages.</summary>
    public static string Names => string.Join(", ", All.Select(p => p.Name));
}
