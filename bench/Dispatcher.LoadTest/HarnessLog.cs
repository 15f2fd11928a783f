using Microsoft.Extensions.Logging;

namespace Dispatcher.LoadTest;

/// <summary>The harness's progress lines (EventIds 5500–5599).</summary>
public static partial class HarnessLog
{
    [LoggerMessage(EventId = 5500, EventName = "LoadTestStarting", Level = LogLevel.Information,
        Message = "Load test starting ({Mode}); process logs in {LogDirectory}")]
    public static partial void Starting(ILogger logger, string mode, string logDirectory);

    [LoggerMessage(EventId = 5501, EventName = "LoadTestPhase", Level = LogLevel.Information, Message = "Phase {Phase}: {Detail}")]
    public static partial void Phase(ILogger logger, string phase, string detail);

    [LoggerMessage(EventId = 5502, EventName = "LoadTestPhaseIncomplete", Level = LogLevel.Warning,
        Message = "Phase {Phase} timed out: {Arrived} of {Expected} deliveries arrived")]
    public static partial void Incomplete(ILogger logger, string phase, long arrived, int expected);

    [LoggerMessage(EventId = 5503, EventName = "LoadTestSkipped", Level = LogLevel.Warning, Message = "{What} skipped: {Reason}")]
    public static partial void Skipped(ILogger logger, string what, string reason);

    [LoggerMessage(EventId = 5504, EventName = "LoadTestFinished", Level = LogLevel.Information,
        Message = "Results written to {Directory} in {Seconds:0} s")]
    public static partial void Finished(ILogger logger, string directory, double seconds);

    [LoggerMessage(EventId = 5505, EventName = "LoadTestFailed", Level = LogLevel.Error,
        Message = "The load test failed; every process it started has been stopped")]
    public static partial void Failed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 5506, EventName = "LoadTestBadSignatures", Level = LogLevel.Error,
        Message = "{Bad} of {Checked} sampled deliveries had a bad signature")]
    public static partial void BadSignatures(ILogger logger, long bad, long @checked);
}
