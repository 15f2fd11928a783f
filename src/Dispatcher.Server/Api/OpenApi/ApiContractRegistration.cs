using Microsoft.OpenApi;

namespace Dispatcher.Server.Api.OpenApi;

/// <summary>
/// The REST API as a contract: an OpenAPI 3.1 document generated from the routes at
/// <c>/openapi/v1.json</c>, and a reference page reading it at <c>/openapi</c>. Both are anonymous:
/// they describe the API, and hold no workspace's data.
/// </summary>
public static class ApiContractRegistration
{
    public const string DocumentName = "v1";
    public const string DocumentPath = "/openapi/" + DocumentName + ".json";

    public static IServiceCollection AddApiContract(this IServiceCollection services)
    {
        services.AddOpenApi(DocumentName, options =>
        {
            options.OpenApiVersion = OpenApiSpecVersion.OpenApi3_1;
            options.AddDocumentTransformer<ApiDocumentTransformer>();
            var security = new SecurityRequirementTransformer();
            options.AddDocumentTransformer(security);
            options.AddOperationTransformer(security);
            options.AddOperationTransformer<ParameterTransformer>();
            options.AddOperationTransformer<JsonBodyTransformer>();
            options.AddOperationTransformer<ExampleTransformer>();
            options.AddSchemaTransformer<DeliveryOutcomeSchemaTransformer>();
            options.AddSchemaTransformer<NullableMembersSchemaTransformer>();
            options.AddSchemaTransformer<CreateWebhookSchemaTransformer>();
            options.AddSchemaTransformer<CustomHeadersSchemaTransformer>();
        });
        return services;
    }

    public static WebApplication MapApiContract(this WebApplication app)
    {
        app.MapOpenApi(DocumentPath).AllowAnonymous();
        app.MapReferencePage();
        return app;
    }
}
