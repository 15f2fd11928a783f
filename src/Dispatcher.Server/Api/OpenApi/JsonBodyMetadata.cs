namespace Dispatcher.Server.Api.OpenApi;

/// <summary>
/// The JSON body a route's handler reads itself, for the document only (<see cref="JsonBodyTransformer"/>).
/// Not <c>Accepts&lt;T&gt;</c>: that is routing metadata too, and would make a body sent as another content
/// type (curl's default form type, text/plain) an empty <c>415</c> the handler never sees.
/// </summary>
public sealed record JsonBodyMetadata(Type Type, bool Optional);
