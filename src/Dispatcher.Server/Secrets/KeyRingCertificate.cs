using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Dispatcher.Server.Configuration;

namespace Dispatcher.Server.Secrets;

/// <summary>
/// The certificate configured to encrypt the Data Protection key ring, loaded while the services are
/// registered (Data Protection wants the certificate itself then). A file that cannot be used is kept
/// as <see cref="Failure"/>, so options validation reports it in one line instead of a stack trace.
/// </summary>
public sealed class KeyRingCertificate
{
    private KeyRingCertificate(X509Certificate2? certificate, string? failure)
    {
        Certificate = certificate;
        Failure = failure;
    }

    /// <summary>The certificate with its private key; null when none is configured or it could not be used.</summary>
    public X509Certificate2? Certificate { get; }

    /// <summary>Why the configured file cannot be used; null when it can (or none is configured).</summary>
    public string? Failure { get; }

    public static KeyRingCertificate Load(SecretOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.KeyRingCertificatePath))
        {
            return new KeyRingCertificate(null, null);
        }
        const string Setting = "Dispatcher:Secrets:KeyRingCertificatePath";
        string path = options.KeyRingCertificatePath;
        if (!File.Exists(path))
        {
            return new KeyRingCertificate(null, $"{Setting}: no file at '{path}'");
        }
        X509Certificate2 certificate;
        try
        {
            certificate = X509CertificateLoader.LoadPkcs12FromFile(path, options.KeyRingCertificatePassword);
        }
        catch (CryptographicException ex)
        {
            // Wrong password or not a PKCS#12 file; the message says which, never the password.
            return new KeyRingCertificate(null, $"{Setting}: '{path}' cannot be read as a PKCS#12 (.pfx) file with Dispatcher:Secrets:KeyRingCertificatePassword ({ex.Message})");
        }
        if (!certificate.HasPrivateKey)
        {
            certificate.Dispose();
            return new KeyRingCertificate(null, $"{Setting}: '{path}' holds no private key, so the key ring could be encrypted but never read back");
        }
        return new KeyRingCertificate(certificate, null);
    }
}
