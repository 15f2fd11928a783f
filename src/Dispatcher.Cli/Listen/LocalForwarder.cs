using System.Diagnostics;
using System.Net.Http.Headers;
using Dispatcher.Protocol.V1;

namespace Dispatcher.Cli.Listen;

/// <summary>POSTs a forwarded delivery to the developer's local URL with exactly its headers and body.</summary>
public sealed class LocalForwarder(Uri target) : IDisposable
{
    private const int MaxResponseChars = 4096;

    // No proxy: the target is the developer's own machine.
    private readonly HttpClient _http = new(new SocketsHttpHandler { UseProxy = false, AllowAutoRedirect = false })
    {
        Timeout = Timeout.InfiniteTimeSpan,
    };

    public async Task<LocalResult> ForwardAsync(ForwardedDelivery delivery, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, target) { Content = new ByteArrayContent(delivery.Body.ToByteArray()) };
        foreach (var header in delivery.Headers)
        {
            if (!request.Headers.TryAddWithoutValidation(header.Name, header.Value))
            {
                // Content-Type and other content headers belong on the content.
                request.Content.Headers.TryAddWithoutValidation(header.Name, header.Value);
            }
        }
        if (request.Content.Headers.ContentType is null)
        {
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        }
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromMilliseconds(Math.Max(1, delivery.TimeoutMs)));
        var watch = Stopwatch.StartNew();
        try
        {
            using var response = await _http.SendAsync(request, timeout.Token).ConfigureAwait(false);
            string body = await response.Content.ReadAsStringAsync(timeout.Token).ConfigureAwait(false);
            return new LocalResult((int)response.StatusCode, null, body.Length > MaxResponseChars ? body[..MaxResponseChars] : body, watch.Elapsed);
        }
        catch (HttpRequestException ex)
        {
            return new LocalResult(0, ex.InnerException?.Message ?? ex.Message, "", watch.Elapsed);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new LocalResult(0, $"no response within {delivery.TimeoutMs / 1000.0:0.###} s", "", watch.Elapsed);
        }
    }

    public void Dispose() => _http.Dispose();
}
