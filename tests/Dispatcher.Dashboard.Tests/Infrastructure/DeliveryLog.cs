using System.Text.Json;
using Dispatcher.Testing;

namespace Dispatcher.Dashboard.Tests.Infrastructure;

/// <summary>A webhook's delivery log as the REST API lists it: what the pages are compared with.</summary>
public static class DeliveryLog
{
    /// <summary>The attempts, newest delivery first; <paramref name="query"/> adds filters (<c>&amp;outcome=…</c>).</summary>
    public static async Task<List<JsonElement>> ReadAsync(HttpClient api, string webhookId, string query = "")
    {
        var (status, log) = await api.SendJsonAsync(HttpMethod.Get, $"/v1/webhooks/{webhookId}/deliveries?limit=500{query}");
        Assert.True(status == System.Net.HttpStatusCode.OK, $"the delivery log answered {(int)status}: {log}");
        return [.. log.GetProperty("data").EnumerateArray()];
    }
}
