using System.Text.Json;
using Dispatcher.Testing;

namespace Dispatcher.Cli.Tests.Infrastructure;

/// <summary>
/// Reads a server process's delivery log until it shows what a test waits for. It is polled because
/// the log is written inside another process, which announces nothing a test could wait on.
/// </summary>
public static class DeliveryLogPoll
{
    /// <summary>
    /// Polls (every 500 ms, up to <paramref name="bound"/>) until every one of <paramref name="eventIds"/> has an
    /// entry with <paramref name="outcome"/>; returns those entries, newest first.
    /// </summary>
    public static async Task<IReadOnlyList<JsonElement>> WaitForAsync(
        HttpClient api, string webhookId, string outcome, IReadOnlySet<string> eventIds, TimeSpan bound, Func<string> describe)
    {
        var deadline = DateTime.UtcNow + bound;
        while (true)
        {
            var (_, log) = await api.SendJsonAsync(HttpMethod.Get, $"/v1/webhooks/{webhookId}/deliveries?limit=500&outcome={outcome}");
            var entries = log.GetProperty("data").EnumerateArray().Where(e => eventIds.Contains(e.GetProperty("eventId").GetString()!)).ToList();
            int found = entries.Select(e => e.GetProperty("eventId").GetString()).Distinct().Count();
            if (found == eventIds.Count)
            {
                return entries;
            }
            Assert.True(DateTime.UtcNow < deadline,
                $"after {bound.TotalSeconds:0} s, {found} of {eventIds.Count} deliveries are {outcome} in the log; {describe()}");
            await Task.Delay(500);
        }
    }
}
