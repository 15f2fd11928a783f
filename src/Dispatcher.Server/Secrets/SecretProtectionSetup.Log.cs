using Dispatcher.Core.Logging;

namespace Dispatcher.Server.Secrets;

public static partial class SecretProtectionSetup
{
    [LoggerMessage(EventId = LogEventIds.KeyRingUnprotected, EventName = nameof(LogEventIds.KeyRingUnprotected), Level = LogLevel.Warning,
        Message = "The Data Protection key ring that encrypts webhook secrets is stored unencrypted in Redis at {Key}: whoever can read Redis can decrypt every secret. Set Dispatcher__Secrets__KeyRingCertificatePath to a .pfx certificate with its private key (and Dispatcher__Secrets__KeyRingCertificatePassword if it has one) on every instance to encrypt the keys written from then on.")]
    private static partial void LogKeyRingUnprotected(ILogger logger, string key);

    [LoggerMessage(EventId = LogEventIds.KeyRingEncrypted, EventName = nameof(LogEventIds.KeyRingEncrypted), Level = LogLevel.Information,
        Message = "New Data Protection keys are encrypted with the certificate {Thumbprint}")]
    private static partial void LogKeyRingEncrypted(ILogger logger, string thumbprint);
}
