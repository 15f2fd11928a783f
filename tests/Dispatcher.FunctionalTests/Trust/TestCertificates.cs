using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Dispatcher.FunctionalTests.Trust;

/// <summary>A certificate authority and server certificates made in the test, valid for a day.</summary>
public static class TestCertificates
{
    private static readonly Oid ServerAuth = new("1.3.6.1.5.5.7.3.1");

    public static X509Certificate2 CreateAuthority(string name = "Dispatcher Test CA")
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        var now = DateTimeOffset.UtcNow;
        return request.CreateSelfSigned(now.AddDays(-1), now.AddDays(2));
    }

    /// <summary>A server certificate for <paramref name="dnsName"/> and/or <paramref name="ip"/>, signed by <paramref name="authority"/>.</summary>
    public static X509Certificate2 IssueServer(X509Certificate2 authority, string? dnsName = null, IPAddress? ip = null)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = ServerRequest(key, dnsName, ip);
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(authority, true, false));
        var now = DateTimeOffset.UtcNow;
        using var issued = request.Create(authority, now.AddHours(-1), now.AddDays(1), RandomNumberGenerator.GetBytes(8));
        return Loadable(issued.CopyWithPrivateKey(key));
    }

    /// <summary>A server certificate that vouches for itself: no CA anyone trusts.</summary>
    public static X509Certificate2 SelfSignedServer(IPAddress ip)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var now = DateTimeOffset.UtcNow;
        using var certificate = ServerRequest(key, null, ip).CreateSelfSigned(now.AddHours(-1), now.AddDays(1));
        return Loadable(certificate);
    }

    /// <summary>Writes the certificate (no key) as a PEM file, as an operator would configure a CA.</summary>
    public static string WritePem(X509Certificate2 certificate)
    {
        string path = Path.Combine(Path.GetTempPath(), $"dispatcher-ca-{Guid.NewGuid():N}.pem");
        File.WriteAllText(path, certificate.ExportCertificatePem());
        return path;
    }

    private static CertificateRequest ServerRequest(ECDsa key, string? dnsName, IPAddress? ip)
    {
        var request = new CertificateRequest($"CN={dnsName ?? ip?.ToString()}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, false));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, false));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([ServerAuth], false));
        var names = new SubjectAlternativeNameBuilder();
        if (dnsName is not null)
        {
            names.AddDnsName(dnsName);
        }
        if (ip is not null)
        {
            names.AddIpAddress(ip);
        }
        request.CertificateExtensions.Add(names.Build());
        return request;
    }

    // Kestrel wants a certificate whose key it can hand to the TLS library: round-trip through PKCS#12.
    private static X509Certificate2 Loadable(X509Certificate2 withKey)
    {
        using (withKey)
        {
            return X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pfx), null);
        }
    }
}
