using System.Text;
using Dispatcher.Protocol.V1;
using Google.Protobuf;

namespace Dispatcher.Server.Listen;

/// <summary>
/// An attempt relayed over Redis pub/sub to the instance holding the session's stream:
/// <c>&lt;reply to&gt;\n&lt;webhook id&gt;\n&lt;ForwardedDelivery protobuf&gt;</c>. Neither id can hold a
/// line break; the protobuf bytes follow the second one as they are.
/// </summary>
public sealed record RelayedDelivery(string ReplyTo, string WebhookId, ForwardedDelivery Delivery)
{
    public byte[] Encode()
    {
        byte[] head = Encoding.UTF8.GetBytes($"{ReplyTo}\n{WebhookId}\n");
        byte[] message = new byte[head.Length + Delivery.CalculateSize()];
        head.CopyTo(message, 0);
        // The extension, not the instance method (which takes a CodedOutputStream).
        MessageExtensions.WriteTo(Delivery, message.AsSpan(head.Length));
        return message;
    }

    /// <summary>Null when <paramref name="message"/> is not a relayed delivery (nothing else is published there).</summary>
    public static RelayedDelivery? Decode(ReadOnlySpan<byte> message)
    {
        int first = message.IndexOf((byte)'\n');
        int second = first < 0 ? -1 : message[(first + 1)..].IndexOf((byte)'\n');
        if (first <= 0 || second <= 0)
        {
            return null;
        }
        string replyTo = Encoding.UTF8.GetString(message[..first]);
        string webhookId = Encoding.UTF8.GetString(message.Slice(first + 1, second));
        try
        {
            return new(replyTo, webhookId, ForwardedDelivery.Parser.ParseFrom(message[(first + second + 2)..]));
        }
        catch (InvalidProtocolBufferException)
        {
            return null;
        }
    }
}
