using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Dispatcher.Server.Configuration;

/// <summary>The checks of <c>Dispatcher:Endpoints</c>, one line per bad entry, for <see cref="DispatcherOptionsValidator"/>.</summary>
public static class EndpointPolicyValidator
{
    public static void Validate(EndpointPolicyOptions endpoints, List<string> errors)
    {
        for (int i = 0; i < endpoints.AllowedNetworks.Count; i++)
        {
            string value = endpoints.AllowedNetworks[i];
            if (!IsCanonicalNetwork(value))
            {
                errors.Add($"Dispatcher:Endpoints:AllowedNetworks:{i} is '{value}'; it must be a network in CIDR form with no host bits set, e.g. 10.20.0.0/16");
            }
        }
        for (int i = 0; i < endpoints.TrustedCaCertificates.Count; i++)
        {
            string path = endpoints.TrustedCaCertificates[i];
            if (!File.Exists(path))
            {
                errors.Add($"Dispatcher:Endpoints:TrustedCaCertificates:{i}: no file at '{path}'");
                continue;
            }
            try
            {
                var certificates = new X509Certificate2Collection();
                certificates.ImportFromPemFile(path);
                if (certificates.Count == 0)
                {
                    errors.Add($"Dispatcher:Endpoints:TrustedCaCertificates:{i}: '{path}' holds no PEM certificate");
                }
            }
            catch (CryptographicException ex)
            {
                errors.Add($"Dispatcher:Endpoints:TrustedCaCertificates:{i}: '{path}' is not a PEM certificate file ({ex.Message})");
            }
        }
    }

    // IPNetwork quietly masks host bits (10.1.2.3/16 becomes 10.1.0.0/16); such a value is more
    // likely a typo for a narrower network than a wish to allow the whole /16, so it is refused.
    private static bool IsCanonicalNetwork(string value)
    {
        int slash = value.IndexOf('/');
        return slash > 0
            && IPNetwork.TryParse(value, out var network)
            && IPAddress.TryParse(value.AsSpan(0, slash), out var address)
            && network.BaseAddress.Equals(address);
    }
}
