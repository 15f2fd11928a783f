using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Dispatcher.Testing;

/// <summary>Shortcuts for the REST calls most tests make first.</summary>
public static class WebhookApiExtensions
{
    /// <summary>Creates a webhook in the deployment's default format (CD4CD unless configured).</summary>
    public static Task<CreatedWebhook> CreateWebhookAsync(this HttpClient api, Uri endpoint, params string[] events) =>
        api.CreateFormatWebhookAsync(endpoint, null, events);

    /// <summary>Creates a webhook in <paramref name="format"/> (null: the default), subscribed to <paramref name="events"/> (that format's names).</summary>
    public static async Task<CreatedWebhook> CreateFormatWebhookAsync(this HttpClient api, Uri endpoint, string? format, params string[] events)
    {
        using var response = await api.PostAsJsonAsync("/v1/webhooks", new { endpoint = endpoint.ToString(), events, format, secret = "auto" });
        string body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"create answered {(int)response.StatusCode}: {body}");
        using var json = JsonDocument.Parse(body);
        return new CreatedWebhook(json.RootElement.GetProperty("id").GetString()!, json.RootElement.GetProperty("secret").GetString()!);
    }

    public static async Task<(HttpStatusCode Status, JsonElement Body)> SendJsonAsync(this HttpClient api, HttpMethod method, string path, object? body = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is string raw)
        {
            request.Content = new StringContent(raw, System.Text.Encoding.UTF8, "application/json");
        }
        else if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }
        using var response = await api.SendAsync(request);
        string text = await response.Content.ReadAsStringAsync();
        var json = text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
        return (response.StatusCode, json);
    }
}
