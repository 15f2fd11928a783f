using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Dispatcher.Server.Api.OpenApi;

/// <summary>
/// Declares the schemes in the document and, on each operation, the ones its authorization policy
/// accepts (any one of them), with the <c>401</c> every authenticated route can answer.
/// </summary>
public sealed class SecurityRequirementTransformer : IOpenApiDocumentTransformer, IOpenApiOperationTransformer
{
    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        foreach (var (name, scheme) in ApiSecuritySchemes.All)
        {
            document.Components.SecuritySchemes[name] = scheme;
        }
        return Task.CompletedTask;
    }

    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        if (metadata.OfType<IAllowAnonymous>().Any())
        {
            return Task.CompletedTask;
        }
        var policies = metadata.OfType<IAuthorizeData>().Select(a => a.Policy).OfType<string>().Distinct().ToList();
        if (policies.Count == 0)
        {
            return Task.CompletedTask;
        }
        operation.Security ??= [];
        foreach (string policy in policies)
        {
            if (!ApiSecuritySchemes.ByPolicy.TryGetValue(policy, out var schemes))
            {
                throw new InvalidOperationException($"authorization policy '{policy}' has no security scheme in {nameof(ApiSecuritySchemes)}.{nameof(ApiSecuritySchemes.ByPolicy)}");
            }
            // Separate requirements: any one scheme satisfies the operation (OpenAPI ORs the list's entries).
            foreach (string scheme in schemes)
            {
                operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(scheme, context.Document)] = [] });
            }
        }
        return Task.CompletedTask;
    }
}
