namespace Dispatcher.Server.Configuration;

/// <summary>Webhook signing secrets (<c>Dispatcher:Secrets</c>).</summary>
public sealed class SecretOptions
{
    /// <summary>
    /// How long the previous secret keeps signing after a rotation, so receivers can switch over.
    /// Default 24 hours; 0 to 30 days.
    /// </summary>
    public TimeSpan RotationOverlap { get; set; } = TimeSpan.FromHours(24);

    /// <summary>
    /// How long the deliveries of a webhook whose secret cannot be decrypted are held before the
    /// pump tries the secret again (a key ring restored meanwhile is then noticed). A rotation
    /// through the API releases them at once. Default 1 minute; 1 second to 1 hour.
    /// </summary>
    public TimeSpan UnreadableRecheck { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// A PKCS#12 (.pfx) file with a certificate and its private key that encrypts the Data Protection
    /// key ring in Redis. Default unset: the key ring is stored unencrypted and start-up warns so.
    /// Every instance needs the same certificate.
    /// </summary>
    public string? KeyRingCertificatePath { get; set; }

    /// <summary>The password of <see cref="KeyRingCertificatePath"/>. Default unset (no password).</summary>
    public string? KeyRingCertificatePassword { get; set; }
}
