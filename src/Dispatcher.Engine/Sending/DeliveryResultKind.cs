namespace Dispatcher.Engine.Sending;

/// <summary>What one HTTP attempt came to.</summary>
public enum DeliveryResultKind
{
    /// <summary>The receiver answered 2xx.</summary>
    Success,
    /// <summary>The receiver answered with any other status.</summary>
    HttpStatus,
    /// <summary>No complete answer within the request timeout.</summary>
    Timeout,
    /// <summary>No connection (refused, reset, DNS, TLS).</summary>
    ConnectionError,
}
