namespace Dispatcher.Server.Ingest;

/// <summary>
/// A request's writes reached the primary but fewer replicas than Dispatcher:Ingest:WaitForReplicas
/// confirmed them in time: nothing in it may be acknowledged, and a re-send is safe (dedupe).
/// </summary>
public sealed class ReplicasBehindException(string message) : Exception(message);
