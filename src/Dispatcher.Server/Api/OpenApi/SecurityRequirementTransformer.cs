using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Dispatcher.Server.Api.OpenApi;

/// <summary>
/// Declares the schemes in the document and, on each operation, the ones its authorization policies
/// accept (any one of them, as long as every policy of the route accepts it).
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
        // A call presents one key, and every policy of the route must accept it: the schemes all of them take.
        IEnumerable<string>? accepted = null;
        foreach (string policy in policies)
        {
            if (!ApiSecuritySchemes.ByPolicy.TryGetValue(policy, out var schemes))
            {
                throw new InvalidOperationException($"authorization policy '{policy}' has no security scheme in {nameof(ApiSecuritySchemes)}.{nameof(ApiSecuritySchemes.ByPolicy)}");
            }
            accepted = accepted is null ? schemes : accepted.Intersect(schemes, StringComparer.Ordinal);
        }
        var common = accepted!.ToList();
        if (common.Count == 0)
        {
            throw new InvalidOperationException($"no security scheme satisfies every policy of the route ({string.Join(", ", policies)}) in {nameof(ApiSecuritySchemes)}.{nameof(ApiSecuritySchemes.ByPolicy)}");
        }
        operation.Security ??= [];
        // Separate requirements: any one scheme satisfies the operation (OpenAPI ORs the list's entries).
        foreach (string scheme in common)
        {
            operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(scheme, context.Document)] = [] });
        }
        return Task.CompletedTask;
    }
}
