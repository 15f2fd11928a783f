using Dispatcher.Protocol.V1;
using Grpc.AspNetCore.Server.Model;
using Grpc.Core;

namespace Dispatcher.Server.Ingest;

/// <summary>
/// Binds <c>dispatcher.v1.EventIngest/Publish</c> to <see cref="EventIngestService"/> with a request
/// marshaller that tolerates invalid UTF-8 (<see cref="LenientPublishRequestParser"/>); the
/// generated binding's marshaller cannot be replaced. Same name and messages on the wire.
/// </summary>
public sealed class IngestMethodProvider : IServiceMethodProvider<EventIngestService>
{
    private static readonly Method<PublishRequest, PublishResponse> Publish = new(
        MethodType.DuplexStreaming,
        EventIngest.Descriptor.FullName,
        "Publish",
        Marshallers.Create(
            (PublishRequest message, SerializationContext context) => Write(message, context),
            context => LenientPublishRequestParser.Parse(context.PayloadAsReadOnlySequence())),
        Marshallers.Create(
            (PublishResponse message, SerializationContext context) => Write(message, context),
            context => PublishResponse.Parser.ParseFrom(context.PayloadAsReadOnlySequence())));

    public void OnServiceMethodDiscovery(ServiceMethodProviderContext<EventIngestService> context) =>
        context.AddDuplexStreamingMethod(Publish, [], (service, requests, responses, call) => service.Publish(requests, responses, call));

    private static void Write(Google.Protobuf.IBufferMessage message, SerializationContext context)
    {
        var protobuf = (Google.Protobuf.IMessage)message;
        context.SetPayloadLength(protobuf.CalculateSize());
        Google.Protobuf.MessageExtensions.WriteTo(protobuf, context.GetBufferWriter());
        context.Complete();
    }
}
