namespace Dispatcher.Engine.Holds;

/// <summary>How long the deliveries of a webhook with an unreadable secret wait before it is read again.</summary>
public sealed class SecretHoldOptions
{
    /// <summary>Bound from <c>Dispatcher:Secrets:UnreadableRecheck</c>.</summary>
    public TimeSpan UnreadableRecheck { get; set; } = TimeSpan.FromMinutes(1);
}
