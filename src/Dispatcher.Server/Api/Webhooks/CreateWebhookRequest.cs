namespace Dispatcher.Server.Api.Webhooks;

/// <summary>
/// <c>POST /v1/webhooks</c>. CD4CD and Elido say <c>endpoint</c>; snip.sa and AWSYS.CO say <c>url</c>.
/// </summary>
public sealed class CreateWebhookRequest
{
    public string? Endpoint { get; set; }

    public string? Url { get; set; }

    /// <summary>Names in the webhook's format (e.g. <c>click</c> for GeoRedir, <c>link.click</c> for AWSYS.CO).</summary>
    public List<string>? Events { get; set; }

    /// <summary>Optional: the wire format (profile). Default: the deployment's <c>Dispatcher:DefaultFormat</c>.</summary>
    public string? Format { get; set; }

    /// <summary>Missing or <c>"auto"</c>: generated. Otherwise at least 16 characters.</summary>
    public string? Secret { get; set; }

    /// <summary>Optional: this webhook's own token bucket. Default: the deployment's (50/s, burst 10).</summary>
    public RateLimitRequest? RateLimit { get; set; }

    /// <summary>Optional: this webhook's own retry delays in seconds. Default: the deployment's.</summary>
    public List<int>? RetrySchedule { get; set; }

    /// <summary>Optional: static headers sent on every delivery, <c>{"Authorization": "Bearer …"}</c>; checked by <see cref="CustomHeaderRules"/>.</summary>
    public System.Text.Json.JsonElement? Headers { get; set; }
}
