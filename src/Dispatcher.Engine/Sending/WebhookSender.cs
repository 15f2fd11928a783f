using System.Buffers;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Text;

namespace Dispatcher.Engine.Sending;

/// <summary>
/// Sends one attempt through the shared handler and turns whatever happens into a
/// <see cref="DeliveryResult"/>, so one bad endpoint never throws through the engine.
/// </summary>
public sealed class WebhookSender(HttpMessageInvoker invoker, OutboundHttpOptions options, TimeProvider time)
{
    public async Task<DeliveryResult> SendAsync(WebhookRequest request, CancellationToken cancellationToken)
    {
        using var message = new HttpRequestMessage(HttpMethod.Post, request.Endpoint)
        {
            Content = new ReadOnlyMemoryContent(request.Body),
            Version = System.Net.HttpVersion.Version11,
        };
        // The request carries every header it is sent with (WireHeaders); Content-Type, and any other
        // content header a webhook's custom headers name (Content-Language…), belongs to the content:
        // the request's collection refuses those. Added as they are, unparsed: they were checked when
        // built or stored, and this runs for every attempt.
        foreach (var (name, value) in request.Headers)
        {
            if (string.Equals(name, WireHeaders.ContentType, StringComparison.OrdinalIgnoreCase) || !message.Headers.TryAddWithoutValidation(name, value))
            {
                message.Content.Headers.TryAddWithoutValidation(name, value);
            }
        }

        var limit = request.Timeout ?? options.RequestTimeout;
        using var timeout = new CancellationTokenSource(limit, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, cancellationToken);
        long started = time.GetTimestamp();
        try
        {
            using var response = await invoker.SendAsync(message, linked.Token).ConfigureAwait(false);
            string? body = await ReadBoundedAsync(response.Content, linked.Token).ConfigureAwait(false);
            int status = (int)response.StatusCode;
            var kind = status is >= 200 and <= 299 ? DeliveryResultKind.Success : DeliveryResultKind.HttpStatus;
            return new(kind, status, time.GetElapsedTime(started), null, body, RetryAfter(response, time.GetUtcNow()));
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return new(DeliveryResultKind.Timeout, 0, time.GetElapsedTime(started), $"no response within {limit.TotalSeconds:0.###} s", null);
        }
        catch (HttpRequestException ex)
        {
            return new(DeliveryResultKind.ConnectionError, 0, time.GetElapsedTime(started), Describe(ex), null);
        }
        catch (IOException ex)
        {
            // The answer began and then broke off (HttpIOException: a body cut short, a reset while
            // reading). That is the receiver's failure, an attempt outcome like a refused connection.
            return new(DeliveryResultKind.ConnectionError, 0, time.GetElapsedTime(started), Describe(ex), null);
        }
    }

    private async Task<string?> ReadBoundedAsync(HttpContent content, CancellationToken cancellationToken)
    {
        // The receiver's body is only for the delivery log: read a few KB, never the whole of a huge
        // answer, into a pooled buffer (this runs for every delivery).
        byte[] buffer = ArrayPool<byte>.Shared.Rent(options.MaxResponseBodyBytes);
        try
        {
            await using var stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            int total = 0;
            while (total < options.MaxResponseBodyBytes)
            {
                int read = await stream.ReadAsync(buffer.AsMemory(total, options.MaxResponseBodyBytes - total), cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    break;
                }
                total += read;
            }
            return total == 0 ? null : Encoding.UTF8.GetString(buffer, 0, total);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static TimeSpan? RetryAfter(HttpResponseMessage response, DateTimeOffset now) => response.Headers.RetryAfter switch
    {
        { Delta: { } delta } => delta,
        { Date: { } date } => date > now ? date - now : TimeSpan.Zero,
        _ => null,
    };

    private static string Describe(IOException ex) => ex is HttpIOException http
        ? $"the response was cut off ({http.HttpRequestError}): {ex.Message}"
        : $"the response was cut off: {ex.Message}";

    private static string Describe(HttpRequestException ex)
    {
        Exception inner = ex;
        while (inner.InnerException is not null)
        {
            inner = inner.InnerException;
        }
        return inner switch
        {
            SocketException se => $"connection failed: {se.SocketErrorCode}",
            AuthenticationException => "TLS handshake failed: " + inner.Message,
            _ => ex.HttpRequestError == HttpRequestError.Unknown ? ex.Message : $"{ex.HttpRequestError}: {inner.Message}",
        };
    }
}
