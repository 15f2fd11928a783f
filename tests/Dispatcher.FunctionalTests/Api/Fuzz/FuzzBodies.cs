namespace Dispatcher.FunctionalTests.Api.Fuzz;

/// <summary>
/// Request bodies that every route must refuse: structural garbage, or an otherwise plausible object
/// with at least one field broken. A broken field never takes a value its route treats as "absent,
/// use the default" (null secret, null format…), so none of these can be a valid request.
/// </summary>
public static class FuzzBodies
{
    private static readonly string[] BadEndpoints =
    [
        "", " ", "hooks.example.com/x", "//hooks.example.com/x", "ftp://hooks.example.com/", "https://user:pw@hooks.example.com/",
        "https://169.254.169.254/latest", "http://10.1.2.3/hook", "https://[fd00:ec2::254]/", "https://", "javascript:alert(1)",
        "https://[::1/", "cli://listen/wh_x", "file:///etc/passwd", "https://192.168.0.1:99999/", "https://exa mple.com/",
    ];

    private static readonly string[] BadHeaders =
    [
        "[]", "true", "\"Authorization: x\"", "{\"Host\":\"x\"}", "{\"content-length\":\"1\"}", "{\"CD4CD-Signature\":\"t=1\"}",
        "{\"Bad Name\":\"x\"}", "{\"\":\"x\"}", "{\"X-A\":\"a\\r\\nX-B: 1\"}", "{\"X-A\":1}", "{\"X-A\":null}", "{\"X-A\":\"\"}",
        "{\"X-A\":\"caf\u00e9\"}", "{\"X-A\":\" padded\"}", "{\"X-A\":\"1\",\"x-a\":\"2\"}",
        "{" + string.Join(",", Enumerable.Range(0, 21).Select(i => $"\"X-H{i}\":\"v\"")) + "}",
        "{\"X-Long\":\"" + new string('v', 4097) + "\"}",
    ];

    public static string Create(Random random)
    {
        if (random.Next(3) == 0)
        {
            return Malformed.Structural(random);
        }
        var fields = new Dictionary<string, string>
        {
            ["endpoint"] = Malformed.Json("https://hooks.example.com/in"),
            ["events"] = "[\"link.clicked\"]",
        };
        foreach (string field in BrokenFields(random, ["endpoint", "events", "format", "secret", "rateLimit", "retrySchedule", "headers"]))
        {
            fields[field] = Broken(random, field);
        }
        return Object(fields);
    }

    public static string Patch(Random random)
    {
        if (random.Next(3) == 0)
        {
            return Malformed.Structural(random);
        }
        var fields = new Dictionary<string, string>();
        foreach (string field in BrokenFields(random, ["endpoint", "events", "rateLimit", "retrySchedule", "headers", "secret", "unknown"]))
        {
            // Any value of an unknown field or of secret is refused (UNKNOWN_FIELD, INVALID_SECRET).
            fields[field == "unknown" ? Malformed.Pick(random, ["name", "status", "id", "format", "Endpoint ", "__proto__"]) : field] =
                field is "secret" or "unknown" ? Malformed.Value(random) : Broken(random, field);
        }
        return Object(fields);
    }

    public static string RotateSecret(Random random) => random.Next(2) == 0
        ? Malformed.Structural(random)
        : Object(new() { ["secret"] = Broken(random, "secret") });

    public static string Recover(Random random) => random.Next(4) switch
    {
        0 => Malformed.Structural(random),
        1 => "{}",
        2 => Object(new() { ["since"] = NonNull(random, ["\"2026-13-45T00:00:00Z\"", "\"yesterday\"", "\"\"", "\"2026-11-24\\u0000\"", "\"+275760-09-13T00:00:00Z\""]) }),
        _ => Object(new()
        {
            ["since"] = "\"2026-11-24T00:00:00Z\"",
            ["until"] = NonNull(random, ["\"2026-11-23T00:00:00Z\"", "\"2026-11-24T00:00:00Z\"", "\"soon\"", "\"+275760-09-13T00:00:00Z\""]),
        }),
    };

    private static IEnumerable<string> BrokenFields(Random random, string[] fields) =>
        fields.OrderBy(_ => random.Next()).Take(random.Next(1, 3));

    private static string Broken(Random random, string field) => field switch
    {
        "endpoint" => NonString(random, BadEndpoints.Select(Malformed.Json).ToArray()),
        "events" => NonNull(random, ["[]", "[\"\"]", "[\"link.clicked\", null]", "[\"webhook.test\"]", "[\"click\"]", "\"link.clicked\"",
            "[" + string.Join(",", Enumerable.Range(0, 300).Select(i => Malformed.Json($"e{i}"))) + "]"]),
        "format" => NonNull(random, ["\"\"", "\"CD4CD \"", "\"stripe\"", "\"standard_webhooks\""]),
        "secret" => NonString(random, ["\"\"", "\"short\"", "\"" + new string('s', 15) + "\"", "\"whsec_\""]),
        "rateLimit" => NonNull(random, ["{}", "{\"perSecond\":0,\"burst\":1}", "{\"perSecond\":1,\"burst\":1001}", "{\"perSecond\":-5,\"burst\":5}",
            "{\"perSecond\":1.5,\"burst\":2}", "{\"perSecond\":1}"]),
        // From the list only: a random object could be a valid set of headers ({} is: none).
        "headers" => Malformed.Pick(random, BadHeaders),
        _ => NonNull(random, ["[-1]", "[1.5]", "[\"sixty\"]", "[null]", "{}", "[" + string.Join(",", Enumerable.Range(1, 21)) + "]", "[2147483648]"]),
    };

    /// <summary>One of the field's own bad values, or a JSON value of the wrong shape — never null.</summary>
    private static string NonNull(Random random, string[] own)
    {
        string value = random.Next(2) == 0 ? Malformed.Pick(random, own) : Malformed.Value(random);
        return value is "null" or "[]" && !own.Contains(value) ? Malformed.Pick(random, own) : value;
    }

    /// <summary>
    /// One of the field's own bad strings, or a JSON value that is no string (and not null): a random
    /// string could be valid by chance (a 16-character secret, a URL), so strings come from the list only.
    /// </summary>
    private static string NonString(Random random, string[] own)
    {
        string value = Malformed.Value(random);
        return random.Next(2) == 0 || value.StartsWith('"') || value == "null" ? Malformed.Pick(random, own) : value;
    }

    private static string Object(Dictionary<string, string> fields) =>
        "{" + string.Join(",", fields.Select(f => $"{Malformed.Json(f.Key)}:{f.Value}")) + "}";
}
