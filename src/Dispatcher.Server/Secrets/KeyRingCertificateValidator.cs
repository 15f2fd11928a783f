using Dispatcher.Server.Configuration;
using Microsoft.Extensions.Options;

namespace Dispatcher.Server.Secrets;

/// <summary>Turns an unusable key ring certificate into one start-up line (exit code 2).</summary>
public sealed class KeyRingCertificateValidator(KeyRingCertificate certificate) : IValidateOptions<DispatcherOptions>
{
    public ValidateOptionsResult Validate(string? name, DispatcherOptions options) =>
        certificate.Failure is { } failure ? ValidateOptionsResult.Fail(failure) : ValidateOptionsResult.Success;
}
