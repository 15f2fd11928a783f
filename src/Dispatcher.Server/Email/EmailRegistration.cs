using Dispatcher.Server.Notifications;
using Microsoft.Extensions.Options;

namespace Dispatcher.Server.Email;

public static class EmailRegistration
{
    /// <summary>Owner notifications by email through SMTP (<c>Dispatcher:Email</c>); off without a host.</summary>
    public static IServiceCollection AddOwnerEmail(this IServiceCollection services)
    {
        services.AddOptions<EmailOptions>().BindConfiguration(EmailOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<EmailOptions>, EmailOptionsValidator>();
        services.AddSingleton<SmtpMailer>();
        services.AddSingleton<OwnerEmailChannel>();
        services.AddOwnerNotificationChannel<OwnerEmailChannel>();
        return services;
    }
}
