using Dispatcher.Protocol.V1;

namespace Dispatcher.Server.Ingest;

/// <summary>A request of a producer's stream being processed, waiting to be answered in its turn.</summary>
/// <param name="ReceivedTimestamp">When it was read (<see cref="System.Diagnostics.Stopwatch.GetTimestamp"/>), for the ack latency.</param>
internal readonly record struct InFlightRequest(Task<PublishResponse> Response, long ReceivedTimestamp);
