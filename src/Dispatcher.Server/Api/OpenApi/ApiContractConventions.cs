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
}
