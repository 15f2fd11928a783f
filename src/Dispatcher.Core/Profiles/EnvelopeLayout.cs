namespace Dispatcher.Core.Profiles;

/// <summary>
/// The field names of a profile's JSON envelope, written in this order: id (when the format has
/// one), event name, timestamp, workspace (when it has one), then <c>data</c>.
/// </summary>
/// <param name="IdField">Null when the format's envelope has no id; the id then travels in a header.</param>
/// <param name="WorkspaceField">Null when the format does not name the workspace.</param>
public sealed record EnvelopeLayout(
    string? IdField,
    string TypeField,
    string TimestampField,
    TimestampPrecision Precision,
    string? WorkspaceField = null)
{
    public const string DataField = "data";
}
