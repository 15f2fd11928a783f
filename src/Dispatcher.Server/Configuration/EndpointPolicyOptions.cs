namespace Dispatcher.Server.Configuration;

/// <summary>Which endpoint URLs customers may register, and which networks and CAs deliveries trust.</summary>
public sealed class EndpointPolicyOptions
{
    /// <summary>
    /// Development only: allow <c>http://</c> and loopback endpoints. Default false: endpoints must be HTTPS.
    /// Private, link-local and metadata addresses stay refused even when it is on.
    /// </summary>
    public bool AllowLocal { get; set; }

    /// <summary>
    /// CIDRs (e.g. <c>10.20.0.0/16</c>) whose addresses endpoints may use although they are private,
    /// loopback, link-local, CGNAT, etc. Cloud metadata addresses stay refused even inside them.
    /// Default: none.
    /// </summary>
    public List<string> AllowedNetworks { get; set; } = [];

    /// <summary>
    /// PEM files of CA certificates to trust for endpoints, in addition to the system roots
    /// (e.g. a corporate CA). The host name must still match. Default: none.
    /// </summary>
    public List<string> TrustedCaCertificates { get; set; } = [];
}
