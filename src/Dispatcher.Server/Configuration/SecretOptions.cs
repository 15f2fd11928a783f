namespace Dispatcher.Server.Configuration;

/// <summary>Webhook signing secrets (<c>Dispatcher:Secrets</c>).</summary>
public sealed class SecretOptions
{
    /// <summary>
    /// How long the previous secret keeps signing after a rotation, so receivers can switch over.
    /// Default 24 hours; 0 to 30 days.
    /// </summary>
    public TimeSpan RotationOverlap { get; set; } = TimeSpan.FromHours(24);
}
