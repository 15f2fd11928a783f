using System.Text.Json;

namespace Dispatcher.Server.Api.Webhooks;

/// <summary>
/// A <c>PATCH /v1/webhooks/{id}</c> body. Only fields present change; <c>null</c> resets
/// <c>rateLimit</c> and <c>retrySchedule</c> to the deployment's; <c>headers</c> replaces the whole
/// set (<c>null</c> or <c>{}</c> removes them). Unknown fields are refused
/// (<c>UNKNOWN_FIELD</c>) rather than ignored, so a typo never looks like a successful change;
/// the secret changes only through <c>rotate-secret</c>.
/// </summary>
public sealed class WebhookPatch
{
    private static readonly string[] Known = ["endpoint", "url", "events", "rateLimit", "retrySchedule", "headers"];

    public bool HasEndpoint { get; private set; }

    public string? Endpoint { get; private set; }

    public bool HasEvents { get; private set; }

    public List<string?>? Events { get; private set; }

    public bool HasRateLimit { get; private set; }

    public RateLimitRequest? RateLimit { get; private set; }

    public bool HasRetrySchedule { get; private set; }

    public List<int>? RetrySchedule { get; private set; }

    public bool HasHeaders { get; private set; }

    /// <summary>Checked by <see cref="CustomHeaderRules"/> with the other fields, before anything is written.</summary>
    public JsonElement? Headers { get; private set; }

    public static ApiError? TryParse(JsonElement root, out WebhookPatch patch)
    {
        patch = new WebhookPatch();
        if (root.ValueKind != JsonValueKind.Object)
        {
            return ApiError.BadRequest("INVALID_JSON", "the body must be a JSON object");
        }
        foreach (var property in root.EnumerateObject())
        {
            string name = property.Name;
            if (name.Equals("secret", StringComparison.OrdinalIgnoreCase))
            {
                return ApiError.BadRequest("INVALID_SECRET", "the secret cannot be patched; POST /v1/webhooks/{id}/rotate-secret replaces it");
            }
            string? known = Known.FirstOrDefault(k => k.Equals(name, StringComparison.OrdinalIgnoreCase));
            if (known is null)
            {
                return ApiError.BadRequest("UNKNOWN_FIELD", $"unknown field '{Shorten(name)}'; PATCH accepts {string.Join(", ", Known)}", [Shorten(name)]);
            }
            try
            {
                patch.Read(known, property.Value);
            }
            catch (JsonException)
            {
                return ApiError.BadRequest("INVALID_JSON", $"field '{known}' has the wrong JSON type");
            }
        }
        return null;
    }

    private void Read(string name, JsonElement value)
    {
        switch (name)
        {
            case "endpoint" or "url":
                HasEndpoint = true;
                Endpoint = value.Deserialize<string?>(ApiJson.Options);
                break;
            case "events":
                HasEvents = true;
                Events = value.Deserialize<List<string?>?>(ApiJson.Options);
                break;
            case "rateLimit":
                HasRateLimit = true;
                RateLimit = value.Deserialize<RateLimitRequest?>(ApiJson.Options);
                break;
            case "headers":
                HasHeaders = true;
                Headers = value.Clone();
                break;
            default:
                HasRetrySchedule = true;
                RetrySchedule = value.Deserialize<List<int>?>(ApiJson.Options);
                break;
        }
    }

    // An error message echoes the name; a 10 KB name would not help anyone.
    private static string Shorten(string name) => name.Length <= 64 ? name : name[..64] + "…";
}
