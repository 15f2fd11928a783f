using System.Reflection;
using Dispatcher.Core.Logging;
using Dispatcher.Engine;
using Dispatcher.Server.Hosting;
using NetArchTest.Rules;

namespace Dispatcher.Architecture.Tests;

/// <summary>
/// The projects' and folders' dependencies point one way: Core knows nothing of Redis or the host, the
/// engine nothing of ASP.NET Core, and no two folders of a project use each other, directly or around a loop.
/// </summary>
public sealed class DependencyTests
{
    private static readonly Assembly Core = typeof(LogEventIds).Assembly;
    private static readonly Assembly Engine = typeof(EngineServiceCollectionExtensions).Assembly;
    private static readonly Assembly Server = typeof(DispatcherHost).Assembly;

    [Fact]
    public void The_server_folders_have_no_dependency_cycle() => AssertNoCycle(Server, "Dispatcher.Server");

    [Fact]
    public void The_engine_folders_have_no_dependency_cycle() => AssertNoCycle(Engine, "Dispatcher.Engine");

    [Fact]
    public void The_engine_does_not_reference_ASP_NET_Core()
    {
        Assert.DoesNotContain(Engine.GetReferencedAssemblies(), a => a.Name!.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal));
        var result = Types.InAssembly(Engine).Should().NotHaveDependencyOn("Microsoft.AspNetCore").GetResult();
        Assert.True(result.IsSuccessful, "engine types using ASP.NET Core: " + string.Join(", ", result.FailingTypeNames ?? []));
    }

    [Theory]
    [InlineData("StackExchange.Redis")]
    [InlineData("Dispatcher.Redis")]
    [InlineData("Dispatcher.Engine")]
    [InlineData("Dispatcher.Server")]
    [InlineData("Microsoft.AspNetCore")]
    public void Core_does_not_reference(string forbidden)
    {
        Assert.DoesNotContain(Core.GetReferencedAssemblies(), a => a.Name!.StartsWith(forbidden, StringComparison.Ordinal));
        var result = Types.InAssembly(Core).Should().NotHaveDependencyOn(forbidden).GetResult();
        Assert.True(result.IsSuccessful, $"Core types using {forbidden}: " + string.Join(", ", result.FailingTypeNames ?? []));
    }

    [Fact]
    public void A_planted_cycle_is_found_and_named()
    {
        var graph = new Dictionary<string, IReadOnlySet<string>>
        {
            ["Api"] = new HashSet<string> { "Auth" },
            ["Auth"] = new HashSet<string> { "Configuration" },
            ["Configuration"] = new HashSet<string> { "Api" },
            ["Ingest"] = new HashSet<string> { "Configuration" },
        };
        var cycles = Cycles.Find(graph);
        Assert.Equal(["Api", "Auth", "Configuration"], Assert.Single(cycles));
        Assert.Contains("Configuration → Api", Cycles.Describe(cycles, graph), StringComparison.Ordinal);
    }

    [Fact]
    public void A_graph_without_loops_has_no_cycle()
    {
        var graph = new Dictionary<string, IReadOnlySet<string>>
        {
            ["Api"] = new HashSet<string> { "Auth", "Configuration" },
            ["Auth"] = new HashSet<string> { "Configuration" },
            ["Configuration"] = new HashSet<string>(),
        };
        Assert.Empty(Cycles.Find(graph));
    }

    private static void AssertNoCycle(Assembly assembly, string rootNamespace)
    {
        var graph = FolderGraph.Of(assembly, rootNamespace);
        var cycles = Cycles.Find(graph);
        Assert.True(cycles.Count == 0, $"folders of {rootNamespace} that depend on each other:\n{Cycles.Describe(cycles, graph)}");
    }
}
