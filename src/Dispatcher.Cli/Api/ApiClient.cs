using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Dispatcher.Cli.Api;

/// <summary>
/// A thin client of the REST API: sends one call, returns the answer's JSON as is, and turns the
/// failures a person must act on into <see cref="CliException"/>s with the documented exit codes.
/// </summary>
public sealed class ApiClient : IDisposable
{
    private readonly HttpClient _http;
    private readonly Uri _baseUrl;

    public ApiClient(Uri baseUrl, string apiKey, TimeSpan? timeout = null)
    {
        _baseUrl = baseUrl;
        _http = new HttpClient { BaseAddress = baseUrl, Timeout = timeout ?? TimeSpan.FromSeconds(30) };
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        _http.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("dispatcher-cli", "1.0"));
    }

    /// <summary>Sends a call; a 2xx answer's body comes back as text (empty for 204).</summary>
    public async Task<string> SendAsync(HttpMethod method, string path, string? jsonBody, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, path);
        if (jsonBody is not null)
        {
            request.Content = new StringContent(jsonBody, Encoding.UTF8, "application/json");
        }
        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException ex)
        {
            throw new CliException(ExitCodes.Unreachable, $"cannot reach the server at {_baseUrl}: {ex.Message}");
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new CliException(ExitCodes.Unreachable, $"the server at {_baseUrl} did not answer within {_http.Timeout.TotalSeconds:0} s");
        }
        using (response)
        {
            string text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            if (response.IsSuccessStatusCode)
            {
                return text;
            }
            if (response.StatusCode == HttpStatusCode.Unauthorized)
            {
                throw new CliException(ExitCodes.Unauthorized, $"the server refused the API key (401 {ErrorOf(text).Code ?? "UNAUTHENTICATED"}): check --api-key, DISPATCHER_API_KEY or `dispatcher login`");
            }
            var (code, message) = ErrorOf(text);
            throw new CliException(ExitCodes.Failed, $"{(int)response.StatusCode} {code ?? response.ReasonPhrase}: {message ?? text}");
        }
    }

    public Task<string> GetAsync(string path, CancellationToken cancellationToken) => SendAsync(HttpMethod.Get, path, null, cancellationToken);

    public Task<string> PostAsync(string path, string? jsonBody, CancellationToken cancellationToken) => SendAsync(HttpMethod.Post, path, jsonBody, cancellationToken);

    public void Dispose() => _http.Dispose();

    private static (string? Code, string? Message) ErrorOf(string text)
    {
        try
        {
            using var json = JsonDocument.Parse(text);
            if (json.RootElement.ValueKind == JsonValueKind.Object && json.RootElement.TryGetProperty("error", out var error))
            {
                string? message = error.TryGetProperty("message", out var m) ? m.GetString() : null;
                if (error.TryGetProperty("invalid", out var invalid))
                {
                    message += $" ({invalid.GetRawText()})";
                }
                return (error.TryGetProperty("code", out var c) ? c.GetString() : null, message);
            }
        }
        catch (JsonException)
        {
            // Not the API's error shape (e.g. a proxy's page): report the raw text.
        }
        return (null, null);
    }
}
