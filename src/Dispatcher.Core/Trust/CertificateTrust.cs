using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace Dispatcher.Core.Trust;

/// <summary>
/// Extra certificate authorities a deployment trusts for endpoints, in addition to the system
/// roots (e.g. a corporate CA). A certificate is accepted when the system already accepts it, or
/// when its only fault is a chain that does not reach a system root and it builds to one of these
/// CAs. A wrong host name or a missing certificate is never forgiven.
/// </summary>
public sealed class CertificateTrust(X509Certificate2Collection authorities)
{
    public X509Certificate2Collection Authorities { get; } = authorities;

    /// <summary>Reads every PEM certificate in each file.</summary>
    public static CertificateTrust FromPemFiles(IEnumerable<string> paths)
    {
        var authorities = new X509Certificate2Collection();
        foreach (string path in paths)
        {
            authorities.ImportFromPemFile(path);
        }
        return new CertificateTrust(authorities);
    }

    public bool Validate(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        if (errors == SslPolicyErrors.None)
        {
            return true;
        }
        if (errors != SslPolicyErrors.RemoteCertificateChainErrors || certificate is null || Authorities.Count == 0)
        {
            return false;
        }
        using var custom = new X509Chain();
        custom.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        custom.ChainPolicy.CustomTrustStore.AddRange(Authorities);
        custom.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        // The server's intermediates, as it sent them.
        if (chain is not null)
        {
            foreach (var element in chain.ChainElements)
            {
                custom.ChainPolicy.ExtraStore.Add(element.Certificate);
            }
        }
        custom.ChainPolicy.ApplicationPolicy.Add(new System.Security.Cryptography.Oid("1.3.6.1.5.5.7.3.1"));
        var leaf = certificate as X509Certificate2 ?? new X509Certificate2(certificate);
        return custom.Build(leaf);
    }
}
