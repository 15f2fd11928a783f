namespace Dispatcher.Architecture.Tests;

/// <summary>The dependency cycles of a directed graph: each strongly connected component of more than one node.</summary>
public static class Cycles
{
    public static IReadOnlyList<IReadOnlyList<string>> Find(IReadOnlyDictionary<string, IReadOnlySet<string>> graph)
    {
        // Tarjan's algorithm: a component with two or more nodes is a set of folders that all reach each other.
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var low = new Dictionary<string, int>(StringComparer.Ordinal);
        var stack = new Stack<string>();
        var onStack = new HashSet<string>(StringComparer.Ordinal);
        var cycles = new List<IReadOnlyList<string>>();
        int next = 0;

        void Visit(string node)
        {
            index[node] = low[node] = next++;
            stack.Push(node);
            onStack.Add(node);
            foreach (string to in graph.TryGetValue(node, out var edges) ? edges : new HashSet<string>())
            {
                if (!index.ContainsKey(to))
                {
                    Visit(to);
                    low[node] = Math.Min(low[node], low[to]);
                }
                else if (onStack.Contains(to))
                {
                    low[node] = Math.Min(low[node], index[to]);
                }
            }
            if (low[node] == index[node])
            {
                var component = new List<string>();
                string member;
                do
                {
                    member = stack.Pop();
                    onStack.Remove(member);
                    component.Add(member);
                }
                while (member != node);
                if (component.Count > 1)
                {
                    component.Sort(StringComparer.Ordinal);
                    cycles.Add(component);
                }
            }
        }

        foreach (string node in graph.Keys.Order(StringComparer.Ordinal))
        {
            if (!index.ContainsKey(node))
            {
                Visit(node);
            }
        }
        return cycles;
    }

    /// <summary>Each cycle as <c>A ⇄ B ⇄ C</c>, with the edges inside it, for a failure message.</summary>
    public static string Describe(IReadOnlyList<IReadOnlyList<string>> cycles, IReadOnlyDictionary<string, IReadOnlySet<string>> graph) =>
        string.Join("\n", cycles.Select(c => string.Join(", ",
            c.SelectMany(from => graph[from].Where(c.Contains).Select(to => $"{from} → {to}")))));
}
