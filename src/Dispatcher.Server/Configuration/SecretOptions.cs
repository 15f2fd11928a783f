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
}
