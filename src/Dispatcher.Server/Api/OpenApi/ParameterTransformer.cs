using System.Text.Json.Nodes;
using Dispatcher.Core.Deliveries;
using Dispatcher.Server.Api.Deliveries;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Dispatcher.Server.Api.OpenApi;

/// <summary>Describes the route and query parameters, which handler signatures name but cannot explain.</summary>
public sealed class ParameterTransformer : IOpenApiOperationTransformer
{
    private static readonly Dictionary<string, string> Descriptions = new()
    {
        ["id"] = "The webhook's id (`wh_…`).",
        ["deliveryId"] = "A delivery's id (`dlv_…`) from the delivery log.",
        ["limit"] = "Attempts per page, 1 to 500; default 50.",
        ["cursor"] = "The `nextCursor` of the previous page (opaque, `c1_…`), with the same filters; absent for the first. " +
            "A number is the older offset form (skip that many attempts), still answered in kind.",
        ["outcome"] = "Only deliveries whose latest attempt has one of these outcomes (comma-separated).",
        ["statusClass"] = "Only deliveries whose latest attempt's status is of one of these classes (comma-separated); " +
            "`none`: no HTTP answer (connect, TLS or timeout error, or never sent).",
        ["eventType"] = "Only deliveries of events of one of these types (comma-separated catalogue names, as in `eventType`).",
        ["since"] = "Only deliveries whose latest attempt is at or after this time (ISO 8601; write `Z` or percent-encode a `+` offset).",
        ["until"] = "Only deliveries whose latest attempt is before this time (ISO 8601); later than `since`.",
        ["window"] = "`hour` (default): the last 60 minutes, by minute; `day`: the last 24 hours, by quarter hour.",
    };

    private const string EventIdDescription =
        "The event's id, percent-encoded as one path segment (`a/b` as `a%2Fb`, `50%` as `50%25`).";

    private static readonly Dictionary<string, string> AdminDescriptions = new()
    {
        ["id"] = "The workspace's id.",
        ["keyId"] = "A runtime key's id (`key_…`), as issued or listed; never the key itself.",
    };

    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        string path = context.Description.RelativePath ?? "";
        bool isEvent = path.StartsWith("v1/events/", StringComparison.Ordinal);
        bool isAdmin = path.StartsWith("v1/admin/", StringComparison.Ordinal);
        foreach (var parameter in operation.Parameters?.OfType<OpenApiParameter>() ?? [])
        {
            string name = parameter.Name ?? "";
            parameter.Description ??= isAdmin ? AdminDescriptions.GetValueOrDefault(name)
                : isEvent && name == "id" ? EventIdDescription
                : Descriptions.GetValueOrDefault(name);
            if (parameter.In != ParameterLocation.Query)
            {
                continue;
            }
            // Schemas of their own: the generator may share one string schema between parameters.
            switch (name)
            {
                case "outcome":
                    CommaSeparated(parameter, Enum(DeliveryOutcomes.All));
                    break;
                case "statusClass":
                    CommaSeparated(parameter, Enum(StatusClasses.All));
                    break;
                case "eventType":
                    CommaSeparated(parameter, new OpenApiSchema { Type = JsonSchemaType.String, MinLength = 1 });
                    break;
                case "window":
                    parameter.Schema = Enum(["hour", "day"]);
                    break;
                case "since" or "until":
                    parameter.Schema = new OpenApiSchema { Type = JsonSchemaType.String, Format = "date-time" };
                    break;
            }
        }
        return Task.CompletedTask;
    }

    /// <summary><c>name=a,b</c>: a list in one query parameter (form style, not exploded).</summary>
    private static void CommaSeparated(OpenApiParameter parameter, OpenApiSchema item)
    {
        parameter.Style = ParameterStyle.Form;
        parameter.Explode = false;
        parameter.Schema = new OpenApiSchema { Type = JsonSchemaType.Array, Items = item, MinItems = 1 };
    }

    private static OpenApiSchema Enum(IEnumerable<string> names) => new()
    {
        Type = JsonSchemaType.String,
        Enum = names.Select(name => (JsonNode)JsonValue.Create(name)).ToList(),
    };
}
