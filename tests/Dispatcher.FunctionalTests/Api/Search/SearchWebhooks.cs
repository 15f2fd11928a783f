using Dispatcher.Testing;

namespace Dispatcher.FunctionalTests.Api.Search;

/// <summary>Webhooks the delivery-log search tests create.</summary>
internal static class SearchWebhooks
{
    /// <summary>
    /// One attempt per delivery, so each settles at once as succeeded or failed. Elido, because it disables
    /// only after 5 failed deliveries in a row (CD4CD after the first): the tests fail at most four running.
    /// </summary>
    public static async Task<string> CreateWithoutRetriesAsync(HttpClient api, TestReceiver receiver, params string[] events)
    {
        var (_, created) = await api.SendJsonAsync(HttpMethod.Post, "/v1/webhooks", new
        {
            endpoint = receiver.Url().ToString(),
            format = "elido",
            events = events.Length > 0 ? events : ["link.clicked"],
            retrySchedule = Array.Empty<int>(),
        });
        return created.GetProperty("id").GetString()!;
    }
}
