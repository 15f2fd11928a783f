using System.Text;

namespace Dispatcher.FunctionalTests.Api.Fuzz;

/// <summary>The malformed pieces requests are built from: ids, bodies, JSON values, queries and headers.</summary>
public static class Malformed
{
    private static readonly string[] Junk =
    [
        "", " ", "null", "undefined", "0", "-1", "1e309", "NaN", "true", "[]", "{}", "..", "../..", "%00", "%2F", "%FF", "%", "%%", "%u0041",
        "wh_", "wh_" + new string('a', 300), "💥", "مرحبا", "\u202e", "<script>", "' OR 1=1 --", "*", "?", "#", "{ws:ws_b}", "dsp:members",
    ];

    /// <summary>An id no webhook, delivery or event of the caller has; escaped for a path segment.</summary>
    public static string Id(Random random, FuzzTargets targets) => random.Next(8) switch
    {
        0 => targets.ForeignWebhookId,
        1 => Uri.EscapeDataString(Pick(random, Junk)) is { Length: > 0 } escaped ? escaped : "%20",
        2 => Uri.EscapeDataString(RandomText(random, random.Next(1, 64))),
        3 => new string('x', random.Next(1_000, 12_000)),
        4 => string.Concat(Enumerable.Range(0, random.Next(1, 20)).Select(_ => $"%{random.Next(256):X2}")),
        5 => "wh_" + Guid.NewGuid().ToString("N")[..20],
        6 => targets.WebhookId + Pick(random, ["x", "%00", "%20", "%2F..", ".json", "%0A"]),
        _ => Uri.EscapeDataString(Pick(random, Junk) + RandomText(random, 4)),
    };

    /// <summary>A body that is not a JSON object of any request type: bytes, broken or hostile JSON.</summary>
    public static string Structural(Random random) => random.Next(9) switch
    {
        0 => "{" + RandomText(random, random.Next(1, 50)),
        1 => "[" + string.Join(",", Enumerable.Range(0, random.Next(0, 5)).Select(_ => Value(random))) + "]",
        2 => new string('[', random.Next(65, 5_000)) + new string(']', random.Next(0, 100)),
        3 => "{\"a\":" + string.Concat(Enumerable.Repeat("{\"a\":", random.Next(65, 2_000))) + "1",
        4 => Pick(random, ["5", "\"text\"", "true", "1e999", "-0", "\"\\ud800\"", "{,}", "{\"a\"}", "{'a':1}", "{\"a\":1,}", "\u0000"]),
        5 => "{\"" + new string('k', random.Next(1, 100_000)) + "\":1",
        // The text after "{}" or inside "{…}" starts with a letter: random text alone can be all
        // whitespace, and "{}" plus a tab is an empty object, a valid body for PATCH and rotate-secret.
        6 => "{}x" + RandomText(random, random.Next(0, 10)),
        // A \u escape with three hex digits: invalid JSON.
        7 => "{\"x\":\"" + "\\u" + random.Next(0, 0x1000).ToString("X3", System.Globalization.CultureInfo.InvariantCulture) + "\"}",
        _ => "{x" + RandomText(random, random.Next(0, 200)) + "}",
    };

    /// <summary>Any JSON value, mostly of a type or size no field expects.</summary>
    public static string Value(Random random) => random.Next(12) switch
    {
        0 => "null",
        1 => random.Next(2) == 0 ? "true" : "false",
        2 => Pick(random, ["-1", "0", "1.5", "1e308", "-1e308", "123456789012345678901234567890", "2147483648", "-2147483649"]),
        3 => Json(RandomText(random, random.Next(0, 40))),
        4 => Json(new string('z', random.Next(10_000, 70_000))),
        5 => "[]",
        6 => "{}",
        7 => "[" + string.Join(",", Enumerable.Range(0, random.Next(1, 4)).Select(_ => Json(RandomText(random, 5)))) + "]",
        8 => "{\"" + RandomText(random, 5).Replace("\"", "", StringComparison.Ordinal) + "\":" + random.Next() + "}",
        9 => Json(Pick(random, Junk)),
        10 => "[null]",
        _ => Json("\u0000\u001f\ud83d"),
    };

    /// <summary>A query string of junk names and values (the route's own parameters included).</summary>
    public static string Query(Random random, params string[] names)
    {
        var parts = Enumerable.Range(0, random.Next(0, 5)).Select(_ =>
            $"{(random.Next(3) == 0 ? Uri.EscapeDataString(RandomText(random, 4)) : Pick(random, names))}=" +
            Pick(random, ["-1", "0", "501", "abc", "1e3", "%00", "2147483648", "", "failed%00", "99999999999", Uri.EscapeDataString(RandomText(random, 8))]));
        string query = string.Join("&", parts);
        return query.Length == 0 ? "" : "?" + query;
    }

    /// <summary>Authentication and other headers: usually the valid key, sometimes junk or a conflict.</summary>
    public static List<KeyValuePair<string, string>> Headers(Random random, string apiKey)
    {
        var headers = new List<KeyValuePair<string, string>>();
        switch (random.Next(10))
        {
            case 0:
                break;
            case 1:
                headers.Add(new("Authorization", Pick(random, ["Bearer", "Bearer ", "Basic dGVzdDp0ZXN0", "bearer " + apiKey + "x", "Bearer " + apiKey + " extra"])));
                break;
            case 2:
                headers.Add(new("X-API-Key", RandomAscii(random, random.Next(0, 100))));
                headers.Add(new("Authorization", "Bearer " + apiKey));
                break;
            case 3:
                headers.Add(new("Authorization", "Bearer " + RandomAscii(random, random.Next(1, 4_000))));
                break;
            default:
                headers.Add(new("Authorization", "Bearer " + apiKey));
                break;
        }
        if (random.Next(4) == 0)
        {
            headers.Add(new(Pick(random, ["Accept", "X-Forwarded-For", "Idempotency-Key", "Content-Encoding", "Transfer-Encoding-Extra", "Origin"]),
                RandomAscii(random, random.Next(0, 300))));
        }
        return headers;
    }

    public static string ContentType(Random random) => random.Next(6) switch
    {
        0 => "text/plain",
        1 => "application/json; charset=utf-16",
        2 => "application/x-www-form-urlencoded",
        3 => "multipart/form-data; boundary=x",
        _ => "application/json",
    };

    public static byte[] Bytes(Random random)
    {
        var bytes = new byte[random.Next(1, 2_000)];
        random.NextBytes(bytes);
        // Never only whitespace: an empty body is a valid "no options" for some routes.
        bytes[0] = (byte)'{';
        return bytes;
    }

    public static string Json(string text) => System.Text.Json.JsonSerializer.Serialize(text);

    public static T Pick<T>(Random random, IReadOnlyList<T> items) => items[random.Next(items.Count)];

    private static string RandomText(Random random, int length)
    {
        var text = new StringBuilder(length);
        for (int i = 0; i < length; i++)
        {
            text.Append(random.Next(5) switch
            {
                0 => (char)random.Next(0x20, 0x7f),
                1 => (char)random.Next(0, 0x20),
                2 => (char)random.Next(0x80, 0x800),
                3 => Pick(random, ['"', '\\', '{', '}', '[', ']', ',', ':', '/', '%']),
                _ => (char)random.Next('a', 'z' + 1),
            });
        }
        return text.ToString();
    }

    private static string RandomAscii(Random random, int length) =>
        string.Concat(Enumerable.Range(0, length).Select(_ => (char)random.Next(0x21, 0x7f)));
}
