namespace Dispatcher.Benchmarks;

/// <summary>A small reference-type item standing in for a queued delivery.</summary>
public sealed record HandoffItem(string EventId, int Attempt);
