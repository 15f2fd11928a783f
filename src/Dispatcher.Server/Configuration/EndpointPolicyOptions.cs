namespace Dispatcher.Server.Configuration;

/// <summary>Which endpoint URLs customers may register.</summary>
public sealed class EndpointPolicyOptions
{
    /// <summary>
    /// Development only: allow <c>http://</c> and loopback endpoints. Default false: endpoints must be HTTPS.
    /// </summary>
    public bool AllowLocal { get; set; }
}
