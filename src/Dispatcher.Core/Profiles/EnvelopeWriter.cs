using System.Buffers;
using System.Globalization;
using Dispatcher.Core.Events;
using Dispatcher.Core.Json;

namespace Dispatcher.Core.Profiles;

/// <summary>
/// Writes a delivery body in a profile's envelope. Every string goes through <see cref="JsString"/>
/// and <c>data</c> is already canonical (see <see cref="JsonCanonicalizer"/>), so the whole body is
/// what <c>JSON.stringify(JSON.parse(body))</c> gives back.
/// </summary>
public static class EnvelopeWriter
{
    /// <param name="data">The event's data, or the stand-in for a truncated one.</param>
    public static void Write(IBufferWriter<byte> output, WebhookProfile profile, StoredEvent evt, ReadOnlySpan<byte> data)
    {
        var layout = profile.Envelope;
        output.Write("{"u8);
        if (layout.IdField is { } idField)
        {
            StringMember(output, idField, evt.Id);
        }
        StringMember(output, layout.TypeField, profile.EventName(evt.Type));
        StringMember(output, layout.TimestampField, FormatTimestamp(evt.CreatedAt, layout.Precision));
        if (layout.WorkspaceField is { } workspaceField)
        {
            Name(output, workspaceField);
            WriteWorkspace(output, evt.WorkspaceId);
            output.Write(","u8);
        }
        Name(output, EnvelopeLayout.DataField);
        output.Write(data);
        output.Write("}"u8);
    }

    public static string FormatTimestamp(DateTimeOffset value, TimestampPrecision precision) =>
        value.UtcDateTime.ToString(
            precision == TimestampPrecision.Seconds ? "yyyy-MM-dd'T'HH:mm:ss'Z'" : "yyyy-MM-dd'T'HH:mm:ss.fff'Z'",
            CultureInfo.InvariantCulture);

    private static void StringMember(IBufferWriter<byte> output, string name, string value)
    {
        Name(output, name);
        JsString.Write(output, value);
        output.Write(","u8);
    }

    private static void Name(IBufferWriter<byte> output, string name)
    {
        JsString.Write(output, name);
        output.Write(":"u8);
    }

    /// <summary>
    /// Elido's docs show <c>"workspace_id": 4123</c>: a workspace id that is a safe integer is written
    /// as a number, any other as a string.
    /// </summary>
    private static void WriteWorkspace(IBufferWriter<byte> output, string workspaceId)
    {
        bool integer = workspaceId.Length is > 0 and <= 15 && workspaceId.All(char.IsAsciiDigit) && (workspaceId == "0" || workspaceId[0] != '0');
        if (integer)
        {
            output.Write(System.Text.Encoding.ASCII.GetBytes(workspaceId));
        }
        else
        {
            JsString.Write(output, workspaceId);
        }
    }
}
