namespace Dispatcher.Engine.Instances;

/// <summary>
/// This process's name among the instances sharing Redis: in lease keys, membership, wake-ups and
/// listen relays. Readable by operators (host and process id), unique per process (a random suffix).
/// </summary>
public sealed class InstanceIdentity
{
    public string Id { get; } = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid().ToString("N")[..8]}";

    public override string ToString() => Id;
}
