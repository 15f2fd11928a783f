using Microsoft.AspNetCore.Http.Metadata;

namespace Dispatcher.Server.Api.OpenApi;

/// <summary>
/// Marks the <c>/api/webhooks</c> copies of the <c>/v1/webhooks</c> routes (the snip.sa and AWSYS.CO
/// shape): they get their own endpoint names, since names (and so operationIds) must be unique, and
/// a tag of their own, so the reference lists them apart from the routes new clients should call.
/// </summary>
public static class ApiPathAlias
{
    public const string Tag = "Webhooks under /api (alias)";

    /// <summary>Appended to the <c>/v1</c> operation's name.</summary>
    public const string NameSuffix = "ViaApiPath";

    /// <summary>A group convention run last (<c>Finally</c>), after the routes' own names and tags are set.</summary>
    public static void Apply(EndpointBuilder endpoint)
    {
        for (int i = 0; i < endpoint.Metadata.Count; i++)
        {
            if (endpoint.Metadata[i] is EndpointNameMetadata name)
            {
                endpoint.Metadata[i] = new EndpointNameMetadata(name.EndpointName + NameSuffix);
            }
        }
        for (int i = endpoint.Metadata.Count - 1; i >= 0; i--)
        {
            if (endpoint.Metadata[i] is ITagsMetadata)
            {
                endpoint.Metadata.RemoveAt(i);
            }
        }
        endpoint.Metadata.Add(new TagsAttribute(Tag));
    }
}
