using Dispatcher.Server.Api;
using Dispatcher.Server.Api.Admin;
using Dispatcher.Server.Api.OpenApi;
using Dispatcher.Server.Api.Scopes;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Mvc.ApiExplorer;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.OpenApi;

namespace Dispatcher.FunctionalTests.Api.OpenApi;

/// <summary>
/// How an operation's authorization becomes its <c>security</c>, without a server: a policy maps to
/// any one of its schemes, anonymous routes need none, and a policy no scheme is declared for stops
/// the document rather than describing the route as open.
/// </summary>
public sealed class SecurityRequirementTransformerTests
{
    [Fact]
    public async Task The_api_key_policy_accepts_either_scheme()
    {
        var operation = new OpenApiOperation();

        await Transform(operation, new AuthorizeAttribute(ApiKeyAuthenticationHandler.SchemeName));

        var schemes = operation.Security!.Select(r => r.Keys.Single().Reference.Id).ToList();
        Assert.Equal([ApiSecuritySchemes.Bearer, ApiSecuritySchemes.ApiKeyHeader], schemes);
    }

    [Fact]
    public async Task The_key_and_scope_policies_of_a_customer_route_accept_either_scheme_once()
    {
        var operation = new OpenApiOperation();

        await Transform(operation, new AuthorizeAttribute(ApiKeyAuthenticationHandler.SchemeName), new AuthorizeAttribute(ScopeRequirement.PolicyName));

        var schemes = operation.Security!.Select(r => r.Keys.Single().Reference.Id).ToList();
        Assert.Equal([ApiSecuritySchemes.Bearer, ApiSecuritySchemes.ApiKeyHeader], schemes);
    }

    [Fact]
    public async Task The_operator_policy_accepts_the_operator_key_only()
    {
        var operation = new OpenApiOperation();

        await Transform(operation, new AuthorizeAttribute(AdminRegistration.PolicyName));

        var schemes = operation.Security!.Select(r => r.Keys.Single().Reference.Id).ToList();
        Assert.Equal([ApiSecuritySchemes.OperatorKey], schemes);
    }

    [Fact]
    public async Task Policies_no_one_key_satisfies_together_are_refused()
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => Transform(new OpenApiOperation(),
            new AuthorizeAttribute(AdminRegistration.PolicyName), new AuthorizeAttribute(ApiKeyAuthenticationHandler.SchemeName)));

        Assert.Contains(AdminRegistration.PolicyName, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_anonymous_route_needs_no_scheme()
    {
        var operation = new OpenApiOperation();

        await Transform(operation, new AuthorizeAttribute(ApiKeyAuthenticationHandler.SchemeName), new AllowAnonymousAttribute());

        Assert.Null(operation.Security);
    }

    [Fact]
    public async Task A_policy_without_a_declared_scheme_is_refused_by_name()
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => Transform(new OpenApiOperation(), new AuthorizeAttribute("Undeclared")));

        Assert.Contains("'Undeclared'", error.Message, StringComparison.Ordinal);
        Assert.Contains(nameof(ApiSecuritySchemes.ByPolicy), error.Message, StringComparison.Ordinal);
    }

    private static async Task Transform(OpenApiOperation operation, params object[] metadata)
    {
        await using var services = new ServiceCollection().BuildServiceProvider();
        var context = new OpenApiOperationTransformerContext
        {
            DocumentName = ApiContractRegistration.DocumentName,
            Description = new ApiDescription { ActionDescriptor = new ActionDescriptor { EndpointMetadata = metadata } },
            ApplicationServices = services,
            Document = new OpenApiDocument(),
        };
        await new SecurityRequirementTransformer().TransformAsync(operation, context, CancellationToken.None);
    }
}
