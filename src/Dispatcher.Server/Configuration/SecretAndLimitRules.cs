namespace Dispatcher.Server.Configuration;

/// <summary>Start-up checks of <c>Dispatcher:Secrets</c> and <c>Dispatcher:Limits</c>, apart so the main validator stays short.</summary>
internal static class SecretAndLimitRules
{
    public const int MaxWebhooksPerWorkspace = 100_000;

    public static void Validate(DispatcherOptions options, List<string> errors)
    {
        if (options.Secrets.RotationOverlap < TimeSpan.Zero || options.Secrets.RotationOverlap > TimeSpan.FromDays(30))
        {
            errors.Add("Dispatcher:Secrets:RotationOverlap must be between 00:00:00 and 30.00:00:00");
        }
        if (options.Secrets.UnreadableRecheck < TimeSpan.FromSeconds(1) || options.Secrets.UnreadableRecheck > TimeSpan.FromHours(1))
        {
            errors.Add("Dispatcher:Secrets:UnreadableRecheck must be between 00:00:01 and 01:00:00");
        }
        if (options.Limits.WebhooksPerWorkspace is < 1 or > MaxWebhooksPerWorkspace)
        {
            errors.Add($"Dispatcher:Limits:WebhooksPerWorkspace must be between 1 and {MaxWebhooksPerWorkspace}");
        }
        if (options.Limits.SendCallsPerWindow is < 1 or > MaxWebhooksPerWorkspace)
        {
            errors.Add($"Dispatcher:Limits:SendCallsPerWindow must be between 1 and {MaxWebhooksPerWorkspace}");
        }
        if (options.Limits.SendWindow < TimeSpan.FromSeconds(1) || options.Limits.SendWindow > TimeSpan.FromDays(1))
        {
            errors.Add("Dispatcher:Limits:SendWindow must be between 00:00:01 and 1.00:00:00");
        }
        foreach (var (workspace, limit) in options.Limits.Workspaces)
        {
            if (limit is < 1 or > MaxWebhooksPerWorkspace)
            {
                errors.Add($"Dispatcher:Limits:Workspaces:{workspace} must be between 1 and {MaxWebhooksPerWorkspace}");
            }
        }
    }
}
