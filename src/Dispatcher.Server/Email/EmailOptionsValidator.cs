using Microsoft.Extensions.Options;
using MimeKit;

namespace Dispatcher.Server.Email;

/// <summary>A bad email setting stops start-up with one line, not an owner who never hears of a disabled webhook.</summary>
public sealed class EmailOptionsValidator : IValidateOptions<EmailOptions>
{
    public ValidateOptionsResult Validate(string? name, EmailOptions options)
    {
        if (!options.Enabled)
        {
            return ValidateOptionsResult.Success;
        }
        var failures = new List<string>();
        if (options.Port is < 1 or > 65535)
        {
            failures.Add($"{EmailOptions.Section}:Port must be 1-65535, not {options.Port}");
        }
        if (string.IsNullOrWhiteSpace(options.From) || !MailboxAddress.TryParse(options.From, out _))
        {
            failures.Add($"{EmailOptions.Section}:From must be a sender address (e.g. \"Dispatcher <notifications@example.com>\") when {EmailOptions.Section}:Host is set");
        }
        if (!string.IsNullOrEmpty(options.Password) && string.IsNullOrEmpty(options.UserName))
        {
            failures.Add($"{EmailOptions.Section}:Password is set without {EmailOptions.Section}:UserName");
        }
        if (options.Timeout <= TimeSpan.Zero)
        {
            failures.Add($"{EmailOptions.Section}:Timeout must be positive");
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
