using Google.Protobuf;

namespace Dispatcher.FunctionalTests.Ingest;

/// <summary>
/// Writes dispatcher.v1.Event / PublishRequest bytes by hand, so a fuzz input can carry what the
/// generated types cannot: invalid UTF-8 in string fields, unknown fields, any Timestamp.
/// </summary>
public static class FuzzEventEncoder
{
    public sealed record RawEvent(byte[] Id, byte[] Type, byte[] Workspace, (long Seconds, int Nanos)? CreatedAt, byte[] Data, bool UnknownField);

    public static byte[] Request(IEnumerable<RawEvent> events)
    {
        using var buffer = new MemoryStream();
        var output = new CodedOutputStream(buffer);
        foreach (var evt in events)
        {
            output.WriteTag(1, WireFormat.WireType.LengthDelimited);
            output.WriteBytes(ByteString.CopyFrom(Event(evt)));
        }
        output.Flush();
        return buffer.ToArray();
    }

    private static byte[] Event(RawEvent evt)
    {
        using var buffer = new MemoryStream();
        var output = new CodedOutputStream(buffer);
        WriteBytes(output, 1, evt.Id);
        WriteBytes(output, 2, evt.Type);
        WriteBytes(output, 3, evt.Workspace);
        if (evt.CreatedAt is { } at)
        {
            using var timestamp = new MemoryStream();
            var ts = new CodedOutputStream(timestamp);
            ts.WriteTag(1, WireFormat.WireType.Varint);
            ts.WriteInt64(at.Seconds);
            ts.WriteTag(2, WireFormat.WireType.Varint);
            ts.WriteInt32(at.Nanos);
            ts.Flush();
            WriteBytes(output, 4, timestamp.ToArray());
        }
        WriteBytes(output, 5, evt.Data);
        if (evt.UnknownField)
        {
            // A field a newer producer might send: proto3 keeps it as unknown and carries on.
            output.WriteTag(99, WireFormat.WireType.Varint);
            output.WriteUInt64(ulong.MaxValue);
        }
        output.Flush();
        return buffer.ToArray();
    }

    private static void WriteBytes(CodedOutputStream output, int field, byte[] value)
    {
        output.WriteTag(field, WireFormat.WireType.LengthDelimited);
        output.WriteBytes(ByteString.CopyFrom(value));
    }
}
