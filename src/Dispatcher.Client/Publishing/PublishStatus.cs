namespace Dispatcher.Client.Publishing;

/// <summary>What the server made of a published event.</summary>
public enum PublishStatus
{
    /// <summary>Durable in Redis for every subscribed endpoint.</summary>
    Accepted,
    /// <summary>The (workspace, id) was accepted before; it will not be delivered again.</summary>
    Duplicate,
    /// <summary>Invalid; see <see cref="PublishResult.Reason"/>. Re-sending it unchanged will not help.</summary>
    Rejected,
}
