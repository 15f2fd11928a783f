namespace Dispatcher.Server.Api.OpenApi;

/// <summary>Metadata for route mappings that the generator cannot infer from handlers that answer <c>IResult</c>.</summary>
public static class ApiContractConventions
{
    /// <summary>Documents that the route may answer these statuses with the <see cref="ApiError"/> body.</summary>
    public static TBuilder ProducesApiErrors<TBuilder>(this TBuilder builder, params int[] statusCodes)
        where TBuilder : IEndpointConventionBuilder
    {
        foreach (int status in statusCodes)
        {
            builder.WithMetadata(new ProducesResponseTypeMetadata(status, typeof(ApiErrorResponse), ["application/json"]));
        }
        return builder;
    }

    /// <summary>Documents the JSON body the handler reads itself, without routing on its content type (see <see cref="JsonBodyMetadata"/>).</summary>
    public static TBuilder DescribesJsonBody<TBody, TBuilder>(this TBuilder builder, bool optional = false)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new JsonBodyMetadata(typeof(TBody), optional));

    /// <summary>
    /// As <see cref="ProducesApiErrors"/>, on the group's routes of any method but GET and HEAD only: for
    /// answers that only a change can get (a <c>read</c> key's or a suspended workspace's <c>403</c>).
    /// </summary>
    public static TBuilder ProducesApiErrorsOnWrites<TBuilder>(this TBuilder builder, params int[] statusCodes)
        where TBuilder : IEndpointConventionBuilder
    {
        // Finally: the route's methods are known once it is built, not when the group is declared.
        builder.Finally(endpoint =>
        {
            var methods = endpoint.Metadata.OfType<IHttpMethodMetadata>().LastOrDefault()?.HttpMethods ?? [];
            if (methods.Any(m => !HttpMethods.IsGet(m) && !HttpMethods.IsHead(m)))
            {
                foreach (int status in statusCodes)
                {
                    endpoint.Metadata.Add(new ProducesResponseTypeMetadata(status, typeof(ApiErrorResponse), ["application/json"]));
                }
            }
        });
        return builder;
    }
}
