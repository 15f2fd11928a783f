namespace Dispatcher.Core.Profiles;

/// <summary>How a profile signs a delivery.</summary>
public enum SignatureScheme
{
    /// <summary>
    /// <c>t=&lt;unix seconds&gt;,v1=&lt;hex&gt;</c> over <c>t + "." + body</c> (CD4CD, Elido; Stripe's
    /// shape). The header carries one <c>v1</c> per live secret during a rotation.
    /// </summary>
    TimestampedHex,

    /// <summary>Lower-case hex HMAC-SHA256 of the body alone (snip.sa, GeoRedir, AWSYS.CO): one secret at a time.</summary>
    BodyHex,

    /// <summary>
    /// Standard Webhooks: <c>webhook-id</c>, <c>webhook-timestamp</c> and <c>webhook-signature:
    /// v1,&lt;base64&gt;</c> over <c>id.timestamp.body</c>, keyed with the base64-decoded <c>whsec_</c>
    /// secret; space-separated signatures, one per live secret.
    /// </summary>
    StandardWebhooks,
}
