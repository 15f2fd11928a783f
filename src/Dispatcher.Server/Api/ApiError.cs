using System.Text.Json;

namespace Dispatcher.Server.Api;

/// <summary>
/// Every REST error: <c>{"error": {"code": "...", "message": "..."}}</c> with a stable code, and
/// for some codes the offending values (e.g. <c>invalid</c>).
/// </summary>
public sealed record ApiError(int StatusCode, string Code, string Message, IReadOnlyList<string>? Invalid = null) : IResult
{
    public static ApiError Unauthenticated(string message) => new(StatusCodes.Status401Unauthorized, "UNAUTHENTICATED", message);

    public static ApiError NotFound(string message) => new(StatusCodes.Status404NotFound, "NOT_FOUND", message);

    /// <summary>A webhook route's 404: unknown here, or another workspace's (which is never said).</summary>
    public static ApiError NoWebhook(string id) => NotFound($"no webhook '{id}' in this workspace");

    public static ApiError UnsupportedMediaType(string message) =>
        new(StatusCodes.Status415UnsupportedMediaType, "UNSUPPORTED_MEDIA_TYPE", message);

    public static ApiError BadRequest(string code, string message, IReadOnlyList<string>? invalid = null) =>
        new(StatusCodes.Status400BadRequest, code, message, invalid);

    /// <summary>Sent as <c>Retry-After</c> (whole seconds, rounded up) when set.</summary>
    public TimeSpan? RetryAfter { get; init; }

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        httpContext.Response.StatusCode = StatusCode;
        if (RetryAfter is { } retryAfter)
        {
            httpContext.Response.Headers.RetryAfter = ((long)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        httpContext.Response.ContentType = "application/json; charset=utf-8";
        var body = new ErrorBody(new ErrorDetail(Code, Message, Invalid));
        await JsonSerializer.SerializeAsync(httpContext.Response.Body, body, ApiJson.Options, httpContext.RequestAborted);
    }

    private sealed record ErrorBody(ErrorDetail Error);

    private sealed record ErrorDetail(string Code, string Message, IReadOnlyList<string>? Invalid);
}
