using System.Collections.Frozen;
using Dispatcher.Server.Configuration;
using Grpc.Core;

namespace Dispatcher.Server.Auth;

/// <summary>The workspaces the caller's producer key may publish to and hear about.</summary>
public sealed class ProducerScope
{
    private const string UserStateKey = "dispatcher.producer-scope";

    private readonly FrozenSet<string> _workspaces;

    private ProducerScope(bool all, IEnumerable<string> workspaces)
    {
        AllWorkspaces = all;
        _workspaces = workspaces.ToFrozenSet(StringComparer.Ordinal);
    }

    /// <summary>A key for every workspace (the platform's own).</summary>
    public bool AllWorkspaces { get; }

    public static ProducerScope Of(ProducerKeyOptions key) =>
        key.Workspaces.Contains(ProducerKeyOptions.AllWorkspaces)
            ? new ProducerScope(true, [])
            : new ProducerScope(false, key.Workspaces);

    public bool Allows(string workspaceId) => AllWorkspaces || _workspaces.Contains(workspaceId);

    /// <summary>Set by <see cref="ProducerKeyInterceptor"/> once the key is checked.</summary>
    public void AttachTo(ServerCallContext context) => context.UserState[UserStateKey] = this;

    /// <summary>The scope the interceptor attached; a call that reaches a producer service without one is a wiring bug.</summary>
    public static ProducerScope From(ServerCallContext context) =>
        context.UserState.TryGetValue(UserStateKey, out var scope) && scope is ProducerScope producer
            ? producer
            : throw new InvalidOperationException("producer call reached without an authenticated producer key");
}
