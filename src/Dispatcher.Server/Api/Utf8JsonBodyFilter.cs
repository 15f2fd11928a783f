using System.Net.Http.Headers;

namespace Dispatcher.Server.Api;

/// <summary>
/// Refuses a request body declared in a charset other than UTF-8. JSON is UTF-8 (RFC 8259) and every
/// route reads its body as such, so a body labelled <c>charset=utf-16</c> would otherwise be read as
/// something its sender did not mean: better a clear 415 than a write from a misread body.
/// </summary>
public sealed class Utf8JsonBodyFilter : IEndpointFilter
{
    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        string? contentType = context.HttpContext.Request.ContentType;
        if (contentType is not null && MediaTypeHeaderValue.TryParse(contentType, out var parsed)
            && parsed.CharSet is { Length: > 0 } charset
            && !charset.Trim('"').Equals("utf-8", StringComparison.OrdinalIgnoreCase))
        {
            return ValueTask.FromResult<object?>(ApiError.UnsupportedMediaType(
                $"request bodies are JSON in UTF-8; charset={charset} is not accepted"));
        }
        return next(context);
    }
}
