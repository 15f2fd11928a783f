using System.Collections.Frozen;
using Dispatcher.Core.Events;
using Dispatcher.Redis.Directory;
using Dispatcher.Server.Configuration;
using Dispatcher.Server.Workspaces;
using Grpc.Core;

namespace Dispatcher.Server.Auth;

/// <summary>
/// The workspaces the caller's producer key may publish to and hear about: a configured key's list,
/// or a runtime <c>publish</c> key's one workspace. No key publishes to a suspended or deleted
/// workspace (<see cref="Refusal"/>).
/// </summary>
public sealed class ProducerScope
{
    private const string UserStateKey = "dispatcher.producer-scope";

    private readonly FrozenSet<string> _workspaces;
    private readonly WorkspaceDirectory _directory;

    private ProducerScope(bool all, IEnumerable<string> workspaces, WorkspaceDirectory directory)
    {
        AllWorkspaces = all;
        _workspaces = workspaces.ToFrozenSet(StringComparer.Ordinal);
        _directory = directory;
    }

    /// <summary>A key for every workspace (the platform's own).</summary>
    public bool AllWorkspaces { get; }

    public static ProducerScope Of(ProducerKeyOptions key, WorkspaceDirectory directory) =>
        key.Workspaces.Contains(ProducerKeyOptions.AllWorkspaces)
            ? new ProducerScope(true, [], directory)
            : new ProducerScope(false, key.Workspaces, directory);

    /// <summary>A runtime key with scope <c>publish</c>: its workspace only.</summary>
    public static ProducerScope Of(RuntimeKey key, WorkspaceDirectory directory) => new(false, [key.Workspace], directory);

    public bool Allows(string workspaceId) => AllWorkspaces || _workspaces.Contains(workspaceId);

    /// <summary>Why an event for <paramref name="workspaceId"/> is refused, or null when it may be published.</summary>
    public EventRejection? Refusal(string workspaceId)
    {
        if (!Allows(workspaceId))
        {
            return new(RejectionKind.WorkspaceNotAllowed, $"this producer key may not publish to workspace '{workspaceId}'");
        }
        return _directory.Refused(workspaceId) switch
        {
            WorkspaceState.Suspended => new(RejectionKind.WorkspaceNotAllowed, $"workspace '{workspaceId}' is suspended: events for it are refused until an operator resumes it"),
            WorkspaceState.Deleted => new(RejectionKind.WorkspaceNotAllowed, $"workspace '{workspaceId}' was deleted: events for it are refused"),
            _ => null,
        };
    }

    /// <summary>Set by <see cref="ProducerKeyInterceptor"/> once the key is checked.</summary>
    public void AttachTo(ServerCallContext context) => context.UserState[UserStateKey] = this;

    /// <summary>The scope the interceptor attached; a call that reaches a producer service without one is a wiring bug.</summary>
    public static ProducerScope From(ServerCallContext context) =>
        context.UserState.TryGetValue(UserStateKey, out var scope) && scope is ProducerScope producer
            ? producer
            : throw new InvalidOperationException("producer call reached without an authenticated producer key");
}
