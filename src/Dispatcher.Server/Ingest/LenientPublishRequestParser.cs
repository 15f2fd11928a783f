using System.Buffers;
using System.Text;
using Dispatcher.Protocol.V1;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;

namespace Dispatcher.Server.Ingest;

/// <summary>
/// Reads a PublishRequest whose string fields may hold invalid UTF-8. Google.Protobuf refuses
/// such a message whole, which would end the stream for every event in it; read here, a bad
/// string becomes U+FFFD, which the event validator then rejects for that event alone.
/// </summary>
public static class LenientPublishRequestParser
{
    private const uint EventsTag = 10;   // field 1, length-delimited
    private const uint IdTag = 10;       // Event field 1
    private const uint TypeTag = 18;     // Event field 2
    private const uint WorkspaceTag = 26; // Event field 3
    private const uint CreatedAtTag = 34; // Event field 4
    private const uint DataTag = 42;     // Event field 5

    /// <summary>The generated parser, unless the message holds invalid UTF-8: then this reading of it.</summary>
    /// <exception cref="InvalidProtocolBufferException">The bytes are not a protobuf message at all.</exception>
    public static PublishRequest Parse(ReadOnlySequence<byte> payload)
    {
        try
        {
            return PublishRequest.Parser.ParseFrom(payload);
        }
        catch (InvalidProtocolBufferException ex) when (ex.InnerException is DecoderFallbackException)
        {
            // Rare (a broken producer), so the common case keeps the generated parser's speed.
            return ParseLeniently(payload.ToArray());
        }
    }

    private static PublishRequest ParseLeniently(byte[] payload)
    {
        var request = new PublishRequest();
        var input = new CodedInputStream(payload);
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            if (tag == EventsTag)
            {
                request.Events.Add(ParseEvent(input.ReadBytes()));
            }
            else
            {
                input.SkipLastField();
            }
        }
        return request;
    }

    private static Event ParseEvent(ByteString bytes)
    {
        var evt = new Event();
        var input = bytes.CreateCodedInput();
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            switch (tag)
            {
                case IdTag: evt.Id = Text(input.ReadBytes()); break;
                case TypeTag: evt.Type = Text(input.ReadBytes()); break;
                case WorkspaceTag: evt.WorkspaceId = Text(input.ReadBytes()); break;
                case CreatedAtTag: evt.CreatedAt = Timestamp.Parser.ParseFrom(input.ReadBytes()); break;
                case DataTag: evt.Data = input.ReadBytes(); break;
                default: input.SkipLastField(); break;
            }
        }
        return evt;
    }

    /// <summary>Encoding.UTF8 replaces invalid sequences with U+FFFD instead of throwing.</summary>
    private static string Text(ByteString bytes) => Encoding.UTF8.GetString(bytes.Span);
}
