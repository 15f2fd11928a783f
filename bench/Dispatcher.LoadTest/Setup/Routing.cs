using Dispatcher.Core.Events;

namespace Dispatcher.LoadTest.Setup;

/// <summary>
/// How an event reaches exactly one endpoint. Dispatcher fans an event out to every webhook of its
/// workspace subscribed to its type, so endpoint <c>e</c> of a fleet is the only webhook of its
/// workspace subscribed to its type: workspace <c>e / 20</c>, the catalogue's <c>(e % 20)</c>-th
/// type. Event <c>seq</c> goes to endpoint <c>seq % endpoints</c>, as the peers' <c>i % ENDPOINTS</c>.
/// </summary>
public static class Routing
{
    // Only types a producer may publish: the owner notification types are Dispatcher's own, and an
    // endpoint subscribed to one would never get a published event.
    public static IReadOnlyList<string> Types { get; } = [.. EventCatalogue.All.Select(t => t.Name).Where(EventCatalogue.IsPublishable)];

    public static int TypesPerWorkspace => Types.Count;

    public static int EndpointOf(long seq, int endpoints) => (int)(seq % endpoints);

    public static string Workspace(string prefix, int endpoint) => prefix + (endpoint / TypesPerWorkspace);

    public static string Type(int endpoint) => Types[endpoint % TypesPerWorkspace];

    public static int WorkspaceCount(int endpoints) => (endpoints + TypesPerWorkspace - 1) / TypesPerWorkspace;

    public static IEnumerable<string> Workspaces(string prefix, int endpoints) =>
        Enumerable.Range(0, WorkspaceCount(endpoints)).Select(w => prefix + w);
}
