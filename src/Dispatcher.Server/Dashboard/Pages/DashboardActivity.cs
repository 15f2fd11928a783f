namespace Dispatcher.Server.Dashboard.Pages;

/// <summary>PLACEHOLDER until the stats reader lands.</summary>
public sealed record DashboardActivity(long Attempts, double? SuccessRate, DateTimeOffset? LastDeliveryAt);
