using System.Reflection;
using NetArchTest.Rules;

namespace Dispatcher.Architecture.Tests;

/// <summary>
/// Which feature folders of an assembly use which: a folder is the first namespace segment under the
/// project's root namespace (<c>Dispatcher.Server.Api.Webhooks</c> is in <c>Api</c>). Dependencies are
/// read from the compiled code (NetArchTest reads signatures and method bodies), not from usings.
/// </summary>
public static class FolderGraph
{
    public static IReadOnlyDictionary<string, IReadOnlySet<string>> Of(Assembly assembly, string rootNamespace)
    {
        var folders = assembly.GetTypes()
            .Select(t => FolderOf(t.Namespace, rootNamespace))
            .OfType<string>()
            .ToHashSet(StringComparer.Ordinal);
        var graph = new Dictionary<string, IReadOnlySet<string>>(StringComparer.Ordinal);
        foreach (string from in folders)
        {
            var uses = new HashSet<string>(StringComparer.Ordinal);
            foreach (string to in folders.Where(f => f != from))
            {
                bool depends = Types.InAssembly(assembly)
                    .That().ResideInNamespace($"{rootNamespace}.{from}")
                    .And().HaveDependencyOn($"{rootNamespace}.{to}")
                    .GetTypes()
                    .Any(t => FolderOf(t.Namespace, rootNamespace) == from);
                if (depends)
                {
                    uses.Add(to);
                }
            }
            graph[from] = uses;
        }
        return graph;
    }

    private static string? FolderOf(string? ns, string rootNamespace)
    {
        if (ns is null || !ns.StartsWith(rootNamespace + ".", StringComparison.Ordinal))
        {
            return null;
        }
        string rest = ns[(rootNamespace.Length + 1)..];
        int dot = rest.IndexOf('.', StringComparison.Ordinal);
        return dot < 0 ? rest : rest[..dot];
    }
}
