using System.Reflection;
using System.Text.RegularExpressions;
using Dispatcher.Core.Logging;
using Dispatcher.Engine;
using Dispatcher.Redis;
using Dispatcher.Server.Hosting;
using Microsoft.Extensions.Logging;

namespace Dispatcher.Architecture.Tests;

/// <summary>
/// Every log event takes its id and name from <see cref="LogEventIds"/>, no id is used twice, log methods
/// live in <c>*.Log.cs</c> files (or a feature's <c>…Log</c> class), and docs/operations.md lists them all.
/// </summary>
public sealed partial class LogEventTests
{
    private static readonly Assembly[] Assemblies =
        [typeof(LogEventIds).Assembly, typeof(RedisKeys).Assembly, typeof(EngineServiceCollectionExtensions).Assembly, typeof(DispatcherHost).Assembly];

    private static readonly IReadOnlyDictionary<string, int> Registry = typeof(LogEventIds)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(f => f.IsLiteral)
        .ToDictionary(f => f.Name, f => (int)f.GetRawConstantValue()!);

    [Fact]
    public void The_registry_gives_each_event_its_own_id()
    {
        var repeated = Registry.GroupBy(e => e.Value).Where(g => g.Count() > 1).Select(g => $"{g.Key}: {string.Join(", ", g.Select(e => e.Key))}");
        Assert.Empty(repeated);
    }

    [Fact]
    public void Every_log_method_takes_its_id_and_name_from_the_registry_and_every_entry_is_used()
    {
        var declared = Assemblies
            .SelectMany(a => a.GetTypes())
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.Instance | BindingFlags.DeclaredOnly))
            .Select(m => (Method: m, Attribute: m.GetCustomAttribute<LoggerMessageAttribute>()))
            .Where(x => x.Attribute is not null)
            .Select(x => (Where: $"{x.Method.DeclaringType!.Name}.{x.Method.Name}", x.Attribute!.EventId, x.Attribute.EventName))
            .ToList();
        Assert.NotEmpty(declared);
        var wrong = declared.Where(d => d.EventName is null || !Registry.TryGetValue(d.EventName, out int id) || id != d.EventId)
            .Select(d => $"{d.Where}: {d.EventId} {d.EventName}");
        Assert.Empty(wrong);
        var twice = declared.GroupBy(d => d.EventId).Where(g => g.Count() > 1).Select(g => $"{g.Key}: {string.Join(", ", g.Select(d => d.Where))}");
        Assert.Empty(twice);
        var unused = Registry.Keys.Except(declared.Select(d => d.EventName!));
        Assert.Empty(unused);
    }

    [Fact]
    public void Log_methods_are_declared_in_log_files()
    {
        string src = Path.Combine(RepositoryRoot.Path, "src");
        var elsewhere = Directory.EnumerateFiles(src, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Where(f => File.ReadAllText(f).Contains("[LoggerMessage(", StringComparison.Ordinal))
            .Where(f => !f.EndsWith(".Log.cs", StringComparison.Ordinal) && !Path.GetFileNameWithoutExtension(f).EndsWith("Log", StringComparison.Ordinal))
            .Select(f => Path.GetRelativePath(RepositoryRoot.Path, f));
        Assert.Empty(elsewhere);
    }

    [Fact]
    public void The_operations_guide_lists_every_event_with_its_id()
    {
        string guide = File.ReadAllText(Path.Combine(RepositoryRoot.Path, "docs", "operations.md"));
        var listed = TableRow().Matches(guide).ToDictionary(m => m.Groups["name"].Value, m => int.Parse(m.Groups["id"].Value, System.Globalization.CultureInfo.InvariantCulture));
        var missing = Registry.Where(e => !listed.TryGetValue(e.Key, out int id) || id != e.Value).Select(e => $"{e.Value} {e.Key}");
        Assert.Empty(missing);
        var stale = listed.Keys.Except(Registry.Keys);
        Assert.Empty(stale);
    }

    [GeneratedRegex(@"^\| (?<id>\d+) \| `(?<name>\w+)` \|", RegexOptions.Multiline)]
    private static partial Regex TableRow();
}
