namespace Dispatcher.Server.Notifications;

public static class NotificationRegistration
{
    /// <summary>The <c>WebhookNotifications</c> stream: status changes relayed from Redis to connected producers.</summary>
    public static IServiceCollection AddWebhookNotifications(this IServiceCollection services)
    {
        services.AddSingleton<NotificationHub>();
        services.AddHostedService(sp => sp.GetRequiredService<NotificationHub>());
        return services;
    }
}
