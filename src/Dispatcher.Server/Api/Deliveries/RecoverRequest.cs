namespace Dispatcher.Server.Api.Deliveries;

/// <summary><c>POST /v1/webhooks/{id}/recover</c>: re-send every delivery that failed since then.</summary>
public sealed class RecoverRequest
{
    public DateTimeOffset? Since { get; set; }
}
