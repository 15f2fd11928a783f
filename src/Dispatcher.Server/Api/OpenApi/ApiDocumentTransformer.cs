using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Dispatcher.Server.Api.OpenApi;

/// <summary>The document's title, description and tags, and no <c>servers</c>.</summary>
public sealed class ApiDocumentTransformer : IOpenApiDocumentTransformer
{
    private static readonly (string Name, string Description)[] Tags =
    [
        ("Webhooks", "Register, change, pause and remove the endpoints a workspace's events are delivered to."),
        ("Deliveries", "The delivery log of a webhook and its search, an event's deliveries, and sending deliveries again."),
        ("Events", "The event catalogue, and whole events for receivers of a truncated delivery."),
        (Admin.AdminRegistration.Tag, "For the people running Dispatcher: workspaces and their keys, managed at runtime. Operator keys only."),
        (ApiPathAlias.Tag, "The `/v1/webhooks` routes again under `/api/webhooks`, as snip.sa and AWSYS.CO clients call them."),
    ];

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Info = new OpenApiInfo
        {
            Title = "Dispatcher REST API",
            Version = "v1",
            Description =
                "Customers manage their webhooks and read their delivery log over this API; producers publish events over gRPC " +
                "(not described here). Every customer route needs a workspace API key, as `Authorization: Bearer <key>` or `X-API-Key: <key>`; " +
                "a webhook of another workspace answers `404`. A key of scope `read`, and any key of a suspended workspace, may only GET: " +
                "other methods answer `403` (`INSUFFICIENT_SCOPE`, `WORKSPACE_SUSPENDED`). The operator API under `/v1/admin` takes an " +
                "operator key (`Dispatcher:OperatorKeys`) instead, and no workspace key. Errors are `{\"error\": {\"code\", \"message\", \"invalid\"?}}` " +
                "with a stable `code`. Request bodies are JSON in UTF-8.",
        };
        // The generator fills in the address the document was asked on: that would make it differ by
        // port from one run to the next, and name a host clients may not reach. Relative to where it is served.
        document.Servers = [];
        document.Tags = new HashSet<OpenApiTag>(Tags.Select(t => new OpenApiTag { Name = t.Name, Description = t.Description }));
        return Task.CompletedTask;
    }
}
