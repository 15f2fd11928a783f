namespace Dispatcher.FunctionalTests.Api.Fuzz;

/// <summary>
/// A route and how to make malformed requests for it. <paramref name="Writes"/>: the route changes
/// Redis when it succeeds, so every generated request must be refused (a 2xx is a finding).
/// </summary>
public sealed record FuzzRoute(string Name, bool Writes, Func<Random, FuzzTargets, FuzzRequest> Generate)
{
    public override string ToString() => Name;
}
