namespace Dispatcher.LoadTest.Scenarios;

/// <summary>Scenario 4: acknowledged (durable) events/s, each event with one subscriber.</summary>
public sealed record IngestResult(int Events, long Accepted, long Rejected, double Seconds, double AckedPerSecond);
