namespace Dispatcher.Server.Notifications;

public static class NotificationRegistration
{
    /// <summary>
    /// Owner notifications: the <c>WebhookNotifications</c> stream read from the workspaces'
    /// notification logs, the hub that wakes their readers, and notification webhooks.
    /// </summary>
    public static IServiceCollection AddWebhookNotifications(this IServiceCollection services)
    {
        services.AddOptions<NotificationOptions>().BindConfiguration(NotificationOptions.Section);
        services.AddSingleton<NotificationHub>();
        services.AddHostedService(sp => sp.GetRequiredService<NotificationHub>());
        services.AddSingleton<NotificationWebhookChannel>();
        services.AddOwnerNotificationChannel<NotificationWebhookChannel>();
        return services;
    }

    /// <summary>A worker that hands <typeparamref name="TChannel"/> (registered as a singleton) every entry of the logs.</summary>
    public static IServiceCollection AddOwnerNotificationChannel<TChannel>(this IServiceCollection services)
        where TChannel : class, IOwnerNotificationChannel
    {
        services.AddSingleton<IHostedService>(sp =>
            ActivatorUtilities.CreateInstance<OwnerNotificationWorker>(sp, sp.GetRequiredService<TChannel>()));
        return services;
    }
}
