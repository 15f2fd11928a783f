using System.Net;
using System.Text.RegularExpressions;
using Dispatcher.Testing;

namespace Dispatcher.FunctionalTests.Dashboard;

/// <summary>What the dashboard's pages render, read as HTML and compared with what the API answers for the same webhook.</summary>
[Collection(SurfaceCollection.Name)]
public sealed partial class DashboardPageTests(RedisServerFixture redis, ITestOutputHelper output)
{
    [Fact]
    public async Task The_list_and_the_webhook_page_show_the_counters_and_the_log_the_api_shows()
    {
        await using var server = await DispatcherTestServer.StartAsync(redis, output);
        await using var receiver = await TestReceiver.StartAsync();
        var api = server.Api();
        var webhook = await api.CreateWebhookAsync(receiver.Url(), "link.clicked");
        await using var publisher = server.Publisher();
        await publisher.PublishAsync(TestEvents.Create("evt_dash_page"));
        await server.Logs.WaitForAsync("AttemptSettled", 1);
        using var browser = new DashboardBrowser(server.Http);
        (await browser.SignInWithKeyAsync(DispatcherTestServer.ApiKey)).Dispose();

        var (_, stats) = await api.SendJsonAsync(HttpMethod.Get, $"/v1/webhooks/{webhook.Id}/stats?window=hour");
        var (_, log) = await api.SendJsonAsync(HttpMethod.Get, $"/v1/webhooks/{webhook.Id}/deliveries");
        var (_, got) = await api.SendJsonAsync(HttpMethod.Get, $"/v1/webhooks/{webhook.Id}");
        var (listStatus, list, _) = await browser.GetAsync("/dashboard");
        var (pageStatus, page, _) = await browser.GetAsync($"/dashboard/webhooks/{webhook.Id}");

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (listStatus, pageStatus));
        long attempts = stats.GetProperty("totals").GetProperty("attempts").GetInt64();
        Assert.Equal(1, attempts);
        Assert.Equal(attempts.ToString(), Cell(list, "deliveries"));
        Assert.Equal("100%", Cell(list, "success"));
        Assert.StartsWith("enabled", Cell(list, "status"));
        Assert.Contains($"since {got.GetProperty("statusChangedAt").GetDateTime():yyyy-MM-dd HH:mm:ss} UTC", list);
        // The chart reads the same counters as the stats route.
        Assert.Contains($"{stats.GetProperty("totals").GetProperty("succeeded").GetInt64()} succeeded", page);
        // The log's row is the API's newest attempt of the delivery.
        var entry = log.GetProperty("data")[0];
        Assert.Contains($"data-delivery-id=\"{entry.GetProperty("deliveryId").GetString()}\"", page);
        Assert.Equal(entry.GetProperty("statusCode").GetInt32().ToString(), Cell(page, "status"));
        Assert.Equal(entry.GetProperty("outcome").GetString(), Cell(page, "outcome"));
    }

    [Fact]
    public async Task A_bad_filter_is_said_on_the_page_and_a_filter_that_matches_nothing_says_so()
    {
        await using var server = await DispatcherTestServer.StartAsync(redis, output);
        await using var receiver = await TestReceiver.StartAsync();
        var webhook = await server.Api().CreateWebhookAsync(receiver.Url(), "link.clicked");
        using var browser = new DashboardBrowser(server.Http);
        (await browser.SignInWithKeyAsync(DispatcherTestServer.ApiKey)).Dispose();

        var (_, bad, _) = await browser.GetAsync($"/dashboard/webhooks/{webhook.Id}?since=2026-12-02T10:00&until=2026-12-01T10:00");
        var (_, none, _) = await browser.GetAsync($"/dashboard/webhooks/{webhook.Id}?outcome=failed");

        Assert.Contains("until must be later than since", bad);
        Assert.Contains("No deliveries match these filters.", none);
    }

    /// <summary>The text of the first cell of column <paramref name="column"/>, tags stripped.</summary>
    private static string Cell(string html, string column)
    {
        var match = CellPattern().Matches(html).FirstOrDefault(m => m.Groups[1].Value == column)
            ?? throw new InvalidOperationException($"no {column} cell on the page");
        return WebUtility.HtmlDecode(Whitespace().Replace(Tags().Replace(match.Groups[2].Value, " "), " ").Trim());
    }

    [GeneratedRegex("<td data-col=\"([a-z-]+)\"[^>]*>(.*?)</td>", RegexOptions.Singleline)]
    private static partial Regex CellPattern();

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex Tags();

    [GeneratedRegex("\\s+")]
    private static partial Regex Whitespace();
}
