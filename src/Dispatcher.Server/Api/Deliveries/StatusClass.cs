namespace Dispatcher.Server.Api.Deliveries;

/// <summary>The class of a delivery's latest HTTP status, for the log's <c>statusClass</c> filter.</summary>
public enum StatusClass
{
    /// <summary>No HTTP answer: a connect, TLS or timeout error, or never sent (expired).</summary>
    None,
    Success,
    Redirection,
    ClientError,
    ServerError,
}
