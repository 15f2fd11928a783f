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
    private readonly string _refusedHint;
    private readonly bool _showRefusal;

    /// <param name="refusedHint">What a 401 tells the user to check (default: the API key's flag, variable and login).</param>
    public ApiClient(Uri baseUrl, string apiKey, TimeSpan? timeout = null, string? refusedHint = null)
    {
        _baseUrl = baseUrl;
        _refusedHint = refusedHint ?? "the API key (401 {0}): check --api-key, DISPATCHER_API_KEY or `dispatcher login`";
        // The operator API's 401 says why (e.g. no operator keys configured): worth passing on.
        _showRefusal = refusedHint is not null;
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
                var (refusedCode, refusedMessage) = ErrorOf(text);
                string hint = string.Format(System.Globalization.CultureInfo.InvariantCulture, _refusedHint, refusedCode ?? "UNAUTHENTICATED");
                throw new CliException(ExitCodes.Unauthorized, $"the server refused {hint}" + (_showRefusal && refusedMessage is not null ? $": {refusedMessage}" : ""));
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
