using System.Net;
using System.Text;
using System.Text.Json;
using Dispatcher.Testing;

namespace Dispatcher.FunctionalTests.Api;

/// <summary>
/// Bodies are JSON in UTF-8: one labelled in another charset is refused with 415 and changes
/// nothing, on every route (found by the REST fuzz: a rotation with <c>charset=utf-16</c> went through).
/// </summary>
[Collection(SurfaceCollection.Name)]
public sealed class JsonCharsetTests(RedisServerFixture redis, ITestOutputHelper output)
{
    [Theory]
    [InlineData("/rotate-secret", "{}")]
    [InlineData("", """{"description":"x"}""")]
    [InlineData("/test", "{}")]
    public async Task A_body_declared_in_another_charset_is_refused_with_415_and_writes_nothing(string route, string body)
    {
        // The test server sends no test event on create, so nothing else writes while the dumps are taken.
        await using var server = await DispatcherTestServer.StartAsync(redis, output);
        var api = server.Api();
        var webhook = await api.CreateWebhookAsync(new Uri("https://hooks.example.com/h"), "link.clicked");
        var before = await RedisDump.AllAsync(redis, server.Prefix);

        using var request = new HttpRequestMessage(route == "" ? HttpMethod.Patch : HttpMethod.Post, $"/v1/webhooks/{webhook.Id}{route}")
        {
            Content = new StringContent(body, Encoding.UTF8),
        };
        request.Content.Headers.ContentType = new("application/json") { CharSet = "utf-16" };
        using var response = await api.SendAsync(request);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        using var error = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("UNSUPPORTED_MEDIA_TYPE", error.RootElement.GetProperty("error").GetProperty("code").GetString());
        Assert.Equal(before, await RedisDump.AllAsync(redis, server.Prefix));
    }

    [Fact]
    public async Task A_body_declared_utf_8_is_read_as_before()
    {
        await using var server = await DispatcherTestServer.StartAsync(redis, output);
        var api = server.Api();
        var webhook = await api.CreateWebhookAsync(new Uri("https://hooks.example.com/h"), "link.clicked");

        using var request = new HttpRequestMessage(HttpMethod.Post, $"/v1/webhooks/{webhook.Id}/rotate-secret")
        {
            Content = new StringContent("{}", Encoding.UTF8, "application/json"),
        };
        using var response = await api.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    /// <summary>
    /// The handlers read their JSON bodies themselves, whatever the label (curl's <c>-d</c> sends
    /// form-encoded): describing a body for the OpenAPI document must not make routing refuse the
    /// request with an empty 415 before the handler runs.
    /// </summary>
    [Theory]
    [InlineData("POST", "", """{"endpoint":"https://hooks.example.com/x","events":["link.clicked"]}""", HttpStatusCode.Created)]
    [InlineData("PATCH", "/{id}", """{"events":["link.clicked"]}""", HttpStatusCode.OK)]
    [InlineData("POST", "/{id}/rotate-secret", "{}", HttpStatusCode.OK)]
    [InlineData("POST", "/{id}/recover", """{"since":"2026-01-01T00:00:00Z"}""", HttpStatusCode.Accepted)]
    public async Task A_json_body_labelled_as_a_form_or_text_still_reaches_its_handler(string method, string route, string body, HttpStatusCode expected)
    {
        await using var server = await DispatcherTestServer.StartAsync(redis, output);
        var api = server.Api();
        var webhook = await api.CreateWebhookAsync(new Uri("https://hooks.example.com/h"), "link.clicked");

        foreach (string label in new[] { "application/x-www-form-urlencoded", "text/plain" })
        {
            using var request = new HttpRequestMessage(new HttpMethod(method), "/v1/webhooks" + route.Replace("{id}", webhook.Id))
            {
                Content = new StringContent(body, Encoding.UTF8, label),
            };
            using var response = await api.SendAsync(request);

            Assert.True(expected == response.StatusCode, $"{label}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
    }
}
