using Dispatcher.Redis.Directory;
using Dispatcher.Server.Configuration;
using Dispatcher.Server.Workspaces;
using Grpc.Core;
using Grpc.Core.Interceptors;
using Microsoft.Extensions.Options;

namespace Dispatcher.Server.Auth;

/// <summary>
/// Ends every gRPC call that lacks a producer key (configured, or a runtime key with scope
/// <c>publish</c>) with <c>Unauthenticated</c>, a runtime key of a suspended workspace with
/// <c>PermissionDenied</c>, and attaches the key's <see cref="ProducerScope"/> to the others for the
/// services to enforce.
/// </summary>
public sealed class ProducerKeyInterceptor(IOptions<DispatcherOptions> options, WorkspaceDirectory directory) : Interceptor
{
    private readonly KeyRing<ProducerScope> _keys = new(options.Value.ProducerKeys.Select(k => KeyValuePair.Create(k.Key, ProducerScope.Of(k, directory))));

    public override Task DuplexStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream, IServerStreamWriter<TResponse> responseStream,
        ServerCallContext context, DuplexStreamingServerMethod<TRequest, TResponse> continuation)
    {
        Authenticate(context);
        return continuation(requestStream, responseStream, context);
    }

    public override Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        Authenticate(context);
        return continuation(request, context);
    }

    public override Task ServerStreamingServerHandler<TRequest, TResponse>(
        TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context,
        ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        Authenticate(context);
        return continuation(request, responseStream, context);
    }

    public override Task<TResponse> ClientStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream, ServerCallContext context,
        ClientStreamingServerMethod<TRequest, TResponse> continuation)
    {
        Authenticate(context);
        return continuation(requestStream, context);
    }

    private void Authenticate(ServerCallContext context)
    {
        // Health probes (load balancers, orchestrators) carry no keys and reveal nothing.
        if (context.Method.StartsWith("/grpc.health.v1.Health/", StringComparison.Ordinal))
        {
            return;
        }
        // `dispatcher listen` authenticates with the workspace's API key, in the service itself.
        if (context.Method.StartsWith("/dispatcher.v1.CliListener/", StringComparison.Ordinal))
        {
            return;
        }
        string? header = context.RequestHeaders.GetValue("authorization");
        if (header is null)
        {
            throw new RpcException(new Status(StatusCode.Unauthenticated, "missing 'authorization: Bearer <producer key>' metadata"));
        }
        string? presented = BearerToken.Parse(header);
        if (_keys.TryGet(presented, out var scope))
        {
            scope.AttachTo(context);
            return;
        }
        if (directory.FindKey(presented) is not { Scope: KeyScope.Publish } runtime)
        {
            throw new RpcException(new Status(StatusCode.Unauthenticated, "the producer key is not valid"));
        }
        if (directory.Refused(runtime.Workspace) is not null)
        {
            throw new RpcException(new Status(StatusCode.PermissionDenied,
                $"workspace '{runtime.Workspace}' is suspended: ingest and notifications are refused until an operator resumes it"));
        }
        ProducerScope.Of(runtime, directory).AttachTo(context);
    }
}
