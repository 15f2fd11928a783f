using System.Text.Json;

namespace Dispatcher.Server.Api.Admin;

/// <summary>Reads an operator call's JSON body, which may be left out.</summary>
public static class AdminJsonBody
{
    /// <summary>The body as <typeparamref name="T"/>; no body at all reads as <paramref name="empty"/>.</summary>
    public static async Task<(T? Body, ApiError? Error)> ReadAsync<T>(HttpContext http, T empty) where T : class
    {
        if (http.Request.ContentLength == 0 || (http.Request.ContentLength is null && !http.Request.Headers.ContainsKey("Transfer-Encoding")))
        {
            return (empty, null);
        }
        try
        {
            var body = await JsonSerializer.DeserializeAsync<T>(http.Request.Body, ApiJson.Options, http.RequestAborted);
            return body is null ? (null, ApiError.BadRequest("INVALID_JSON", "the body must be a JSON object")) : (body, null);
        }
        catch (JsonException ex)
        {
            return (null, ApiError.BadRequest("INVALID_JSON", $"the body is not valid JSON: {ex.Message}"));
        }
    }
}
