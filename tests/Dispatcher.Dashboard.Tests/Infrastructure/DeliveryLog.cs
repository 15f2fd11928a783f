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

    /// <summary>
    /// The log once <paramref name="done"/> holds of it. A receiver has its request before the server
    /// settles and logs the attempt, so a test that just received one waits for its entry: polled every
    /// 50 ms on the real clock (the server is another process), for up to 15 s.
    /// </summary>
    public static async Task<List<JsonElement>> UntilAsync(HttpClient api, string webhookId, Func<List<JsonElement>, bool> done, string query = "")
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            var log = await ReadAsync(api, webhookId, query);
            if (done(log))
            {
                return log;
            }
            Assert.True(waited.Elapsed < TimeSpan.FromSeconds(15), $"the delivery log did not reach the expected state within 15 s: {log.Count} entries");
            await Task.Delay(50);
        }
    }

    /// <summary>The log once it holds an attempt of event <paramref name="eventId"/>.</summary>
    public static Task<List<JsonElement>> WithEventAsync(HttpClient api, string webhookId, string eventId) =>
        UntilAsync(api, webhookId, log => log.Any(a => a.GetProperty("eventId").GetString() == eventId));
}
