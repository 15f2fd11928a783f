namespace Dispatcher.LoadTest.Reporting;

/// <summary>The comparisons; null where a side was not measured.</summary>
public sealed record Ratios(double? DeliveredToWrkCeiling, double? DispatcherToBullMq, double? DispatcherToHangfire);
