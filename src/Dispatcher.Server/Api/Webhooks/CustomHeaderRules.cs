using System.Text.Json;
using Dispatcher.Core.Profiles;

namespace Dispatcher.Server.Api.Webhooks;

/// <summary>
/// Checks a webhook's <c>headers</c> object (create and PATCH): RFC 9110 token names, values a
/// header line can carry (printable ASCII, no CR or LF), no name Dispatcher or the HTTP client sets
/// (<see cref="ReservedHeaders"/>), and bounded count and size. Errors name the header, never echo
/// its value (typically a credential).
/// </summary>
public static class CustomHeaderRules
{
    /// <summary>Headers per webhook.</summary>
    public const int MaxCount = 20;

    /// <summary>Characters of one name.</summary>
    public const int MaxNameLength = 64;

    /// <summary>Characters of one value: room for a long bearer token (a JWT).</summary>
    public const int MaxValueLength = 4096;

    /// <summary>Names and values together, so twenty headers cannot add 80 KB to every attempt.</summary>
    public const int MaxTotalLength = 8192;

    /// <param name="element">The <c>headers</c> property; absent or <c>null</c> means none.</param>
    public static ApiError? Validate(JsonElement? element, out IReadOnlyList<KeyValuePair<string, string>> headers)
    {
        headers = [];
        if (element is not { } value || value.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined)
        {
            return null;
        }
        if (value.ValueKind != JsonValueKind.Object)
        {
            return Invalid("headers must be a JSON object of \"Name\": \"value\" strings", []);
        }
        var accepted = new List<KeyValuePair<string, string>>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        int total = 0;
        foreach (var property in value.EnumerateObject())
        {
            string name = property.Name;
            if (accepted.Count == MaxCount)
            {
                return Invalid($"at most {MaxCount} headers per webhook", []);
            }
            if (NameError(name) is { } nameError)
            {
                return Invalid($"header name '{Shorten(name)}' {nameError}", [Shorten(name)]);
            }
            if (ReservedHeaders.ReasonFor(name) is { } reason)
            {
                return ApiError.BadRequest("RESERVED_HEADER", $"header '{name}' cannot be set: {reason}", [name]);
            }
            if (!seen.Add(name))
            {
                return Invalid($"header '{name}' is given twice (names are case-insensitive)", [name]);
            }
            if (property.Value.ValueKind != JsonValueKind.String)
            {
                return Invalid($"the value of header '{name}' must be a string", [name]);
            }
            string text = property.Value.GetString()!;
            if (ValueError(text) is { } valueError)
            {
                return Invalid($"the value of header '{name}' {valueError}", [name]);
            }
            total += name.Length + text.Length;
            if (total > MaxTotalLength)
            {
                return Invalid($"headers may hold at most {MaxTotalLength} characters of names and values together", [name]);
            }
            accepted.Add(new(name, text));
        }
        headers = accepted;
        return null;
    }

    private static string? NameError(string name)
    {
        if (name.Length == 0)
        {
            return "is empty";
        }
        if (name.Length > MaxNameLength)
        {
            return $"is longer than {MaxNameLength} characters";
        }
        return name.All(IsTokenChar) ? null : "is not an HTTP token (letters, digits and !#$%&'*+-.^_`|~ only)";
    }

    private static string? ValueError(string value)
    {
        if (value.Length == 0)
        {
            return "is empty";
        }
        if (value.Length > MaxValueLength)
        {
            return $"is longer than {MaxValueLength} characters";
        }
        if (value.Contains('\r') || value.Contains('\n'))
        {
            // A line break would end the header line and let the value write headers of its own.
            return "contains CR or LF";
        }
        if (!value.All(c => c == '\t' || c is >= ' ' and <= '~'))
        {
            return "may hold printable ASCII, spaces and tabs only";
        }
        return value[0] is ' ' or '\t' || value[^1] is ' ' or '\t' ? "starts or ends with whitespace" : null;
    }

    /// <summary>RFC 9110 §5.6.2 tchar.</summary>
    private static bool IsTokenChar(char c) => char.IsAsciiLetterOrDigit(c) || "!#$%&'*+-.^_`|~".Contains(c);

    private static ApiError Invalid(string message, IReadOnlyList<string> invalid) => ApiError.BadRequest("INVALID_HEADER", message, invalid);

    private static string Shorten(string name) => name.Length <= MaxNameLength ? name : name[..MaxNameLength] + "…";
}
