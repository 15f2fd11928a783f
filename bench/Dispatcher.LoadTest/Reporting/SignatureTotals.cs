namespace Dispatcher.LoadTest.Reporting;

/// <summary>Sampled signature checks over every Dispatcher phase (one request in <c>ArrivalPhase.SignatureSampleEvery</c>).</summary>
public sealed record SignatureTotals(long Checked, long Bad, long Duplicates, long Misrouted, long Unparsed);
