namespace Dispatcher.Server.Api.Webhooks;

/// <summary><c>POST /v1/webhooks/{id}/rotate-secret</c>; the body is optional.</summary>
public sealed class RotateSecretRequest
{
    /// <summary>Missing or <c>"auto"</c>: generated. Otherwise at least 16 characters.</summary>
    public string? Secret { get; set; }
}
