using System.Text;
using Dispatcher.Core.Events;

namespace Dispatcher.Benchmarks.Tests.Allocations;

/// <summary>link.clicked events and bodies of the sizes the micro-benchmarks use.</summary>
public static class SampleEvents
{
    public const int SmallBytes = 300;
    public const int LargeBytes = 4096;

    private const string Click =
        "{\"linkId\":\"lnk_8f3c2a91\",\"slug\":\"spring-sale\",\"domain\":\"go.example.com\"," +
        "\"country\":\"DE\",\"device\":\"mobile\",\"campaign\":\"";

    public static byte[] SigningKey { get; } = Encoding.UTF8.GetBytes("whsec_k3Jq9vT2mX7pL4sW8nB5cR1dF6gH0yZa");

    /// <summary>A JSON object of exactly <paramref name="totalBytes"/> bytes: a click padded by its campaign string.</summary>
    public static byte[] Body(int totalBytes) =>
        Encoding.UTF8.GetBytes(Click + new string('x', totalBytes - Click.Length - 2) + "\"}");

    public static StoredEvent Clicked(int bodyBytes) => new(
        "evt_18f3c_a91",
        "ws_demo",
        "link.clicked",
        new DateTimeOffset(2026, 5, 13, 5, 42, 0, 123, TimeSpan.Zero),
        Body(bodyBytes));
}
