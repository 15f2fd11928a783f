using System.Net;

namespace Dispatcher.Core.Trust;

/// <summary>The policy's answer for one address: allowed or not, and why in words an API error can show.</summary>
/// <param name="Address">The address judged, as it was given.</param>
/// <param name="Class">Its class (of the IPv4 address it carries, for mapped forms).</param>
/// <param name="Allowed">Whether a delivery may connect to it.</param>
/// <param name="Reason">For a refusal, e.g. "10.0.0.5, a private address"; empty when allowed.</param>
public readonly record struct AddressVerdict(IPAddress Address, AddressClass Class, bool Allowed, string Reason);
