using System.Text;
using Dispatcher.Protocol.V1;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;

namespace Dispatcher.Testing;

/// <summary>Builds protocol events for tests.</summary>
public static class TestEvents
{
    public const string ClickData = """{"linkId":"lnk_8f3c_a91","shortCode":"promo-2026","country":"SA","note":"مرحبا ✓ 🚀"}""";

    public static Event Create(string id, string type = "link.clicked", string workspace = DispatcherTestServer.Workspace, string data = ClickData) => new()
    {
        Id = id,
        Type = type,
        WorkspaceId = workspace,
        CreatedAt = Timestamp.FromDateTimeOffset(new DateTimeOffset(2026, 5, 13, 5, 42, 0, 123, TimeSpan.Zero)),
        Data = ByteString.CopyFrom(Encoding.UTF8.GetBytes(data)),
    };
}
