using System.Text;
using static Dispatcher.FunctionalTests.Ingest.FuzzEventEncoder;

namespace Dispatcher.FunctionalTests.Ingest;

/// <summary>
/// Malformed events from a seeded generator: each starts valid and has one or more fields broken
/// in a way producers (or attackers) really send. The same seed gives the same inputs.
/// </summary>
public sealed class FuzzInputs(int seed)
{
    private static readonly byte[][] BadText =
    [
        [], [0xFF], [0xC3], [0xC0, 0xAF], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], // invalid UTF-8
        "has space"u8.ToArray(), "tab\there"u8.ToArray(), "nul\0"u8.ToArray(), "ünïcode"u8.ToArray(), "emoji🚀"u8.ToArray(),
        "{p:1}"u8.ToArray(), "a:b:c"u8.ToArray(), "*"u8.ToArray(),
    ];

    private static readonly string[] BadJson =
    [
        "", "null", "[]", "1", "\"s\"", "{", "{}}", "{} {}", "{\"a\":1,}", "{'a':1}", "{\"a\":NaN}", "{\"a\":Infinity}",
        "/*c*/{}", "\uFEFF{}", "{\"a\":\"\\ud800\"}", "{\"a\":\"\\udc00\\ud800x\"}", "{\"a\":\"\\u0000\"}",
        "{\"n\":1e400}", "{\"n\":-1e400}", "{\"n\":1e-400}", "{\"n\":-0}", "{\"n\":-0.0e0}", "{\"n\":123456789012345678901234567890}",
        "{\"n\":1E+308}", "{\"n\":0.1000000000000000055511151231257827}", "{\"n\":5e-324}", "{\"n\":1e99999999999999999999}",
        "{\"n\":1e-99999999999999999999}", "{\"a\":1,\"a\":2,\"1\":3,\"0\":4}", "{\"4294967295\":1,\"4294967294\":2,\"01\":3}",
        "{\"linkId\":\"\\ud800\"}", "{\"linkId\":1e400}", "{\"link_id\":{\"x\":[]}}",
    ];

    private readonly Random _random = new(seed);

    public RawEvent Next(int n)
    {
        var id = Encoding.ASCII.GetBytes($"evt_fz_{seed}_{n}");
        var type = "link.clicked"u8.ToArray();
        var workspace = Encoding.ASCII.GetBytes(_random.Next(2) == 0 ? "ws_a" : "ws_b");
        (long, int)? createdAt = (1_778_650_920, 0);
        var data = "{\"linkId\":\"lnk_1\"}"u8.ToArray();
        bool unknown = _random.Next(10) == 0;
        int faults = _random.Next(5) == 0 ? 0 : 1 + _random.Next(2); // about one in five stays valid
        for (int f = 0; f < faults; f++)
        {
            switch (_random.Next(5))
            {
                case 0: id = BadBytes(id); break;
                case 1: type = BadBytes(type); break;
                case 2: workspace = BadBytes(workspace); break;
                case 3: createdAt = BadTimestamp(); break;
                default: data = BadData(); break;
            }
        }
        return new RawEvent(id, type, workspace, createdAt, data, unknown);
    }

    private byte[] BadBytes(byte[] valid) => _random.Next(6) switch
    {
        0 => Pick(BadText),
        1 => [.. valid, .. Pick(BadText)],
        2 => Encoding.ASCII.GetBytes(new string('x', 129)),
        3 => Encoding.ASCII.GetBytes(new string('y', 64 * 1024)), // huge
        4 => [.. valid, (byte)_random.Next(0x80, 0x100)],
        _ => Encoding.UTF8.GetBytes(((char)_random.Next(0x20, 0x7F)).ToString() + "\u2028"),
    };

    private (long, int)? BadTimestamp() => _random.Next(8) switch
    {
        0 => (1_778_650_920_123, 0), // milliseconds written as seconds
        1 => (long.MaxValue, 0),
        2 => (long.MinValue, 0),
        3 => (-62_135_596_801, 0),
        4 => (253_402_300_800, 0),
        5 => (0, -1),
        6 => (0, 1_000_000_000),
        _ => (_random.NextInt64(), _random.Next(int.MinValue, int.MaxValue)),
    };

    private byte[] BadData() => _random.Next(6) switch
    {
        0 or 1 => Encoding.UTF8.GetBytes(Pick(BadJson)),
        2 => Encoding.ASCII.GetBytes(new string('[', 70) + new string(']', 70)), // deeper than the reader allows
        3 => Encoding.ASCII.GetBytes("{\"d\":" + new string('[', 60) + new string(']', 60) + "}"),
        4 => [.. "{\"s\":\""u8, .. Pick(BadText), .. "\"}"u8],
        _ => Encoding.ASCII.GetBytes("{\"pad\":\"" + new string('z', 256 * 1024) + "\"}"), // just over the limit
    };

    private T Pick<T>(T[] items) => items[_random.Next(items.Length)];
}
