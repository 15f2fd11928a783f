using Dispatcher.Protocol.V1;
using Grpc.Core;
using Grpc.Net.Client;

namespace Dispatcher.FunctionalTests.Workspaces;

/// <summary>One event over the real gRPC ingest stream with a given key: its ack, or the call's status.</summary>
public static class RawPublish
{
    public static async Task<EventAck> OneAsync(Uri grpc, string key, Event evt)
    {
        using var channel = GrpcChannel.ForAddress(grpc);
        using var call = new EventIngest.EventIngestClient(channel).Publish(new Metadata { { "authorization", "Bearer " + key } });
        var request = new PublishRequest();
        request.Events.Add(evt);
        await call.RequestStream.WriteAsync(request);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        Assert.True(await call.ResponseStream.MoveNext(timeout.Token), "the server ended the stream instead of answering");
        return Assert.Single(call.ResponseStream.Current.Acks);
    }

    /// <summary>The status the server ended the call with, when it refused the key.</summary>
    public static async Task<Status> RefusedAsync(Uri grpc, string key, Event evt) =>
        (await Assert.ThrowsAsync<RpcException>(() => OneAsync(grpc, key, evt))).Status;
}
