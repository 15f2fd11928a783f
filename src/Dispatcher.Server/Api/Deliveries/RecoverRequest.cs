namespace Dispatcher.Server.Api.Deliveries;

/// <summary><c>POST /v1/webhooks/{id}/recover</c>: re-send every delivery that failed since then (and before <see cref="Until"/>, if given).</summary>
public sealed class RecoverRequest
{
    public DateTimeOffset? Since { get; set; }

    /// <summary>Optional: only failures before then.</summary>
    public DateTimeOffset? Until { get; set; }
}
