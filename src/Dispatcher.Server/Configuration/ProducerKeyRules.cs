using Dispatcher.Core.Events;

namespace Dispatcher.Server.Configuration;

/// <summary>Start-up checks of the scoped producer-key form (<c>{ Key, Workspaces }</c>).</summary>
public static class ProducerKeyRules
{
    public static void Validate(IReadOnlyList<ProducerKeyOptions> keys, List<string> errors)
    {
        for (int i = 0; i < keys.Count; i++)
        {
            var workspaces = keys[i].Workspaces;
            if (workspaces.Count == 0)
            {
                // Never read a forgotten list as "all": that would widen a key its operator meant to narrow.
                errors.Add($"Dispatcher:ProducerKeys:{i}:Workspaces is empty: list the workspaces the key may publish to, or \"*\" for all");
                continue;
            }
            foreach (string workspace in workspaces)
            {
                if (workspace != ProducerKeyOptions.AllWorkspaces && !EventValidator.IsPrintableToken(workspace))
                {
                    errors.Add($"Dispatcher:ProducerKeys:{i}:Workspaces: '{workspace}' must be \"*\" or 1-{EventValidator.MaxIdLength} printable characters without spaces");
                }
            }
        }
        if (keys.Select(k => k.Key).Distinct(StringComparer.Ordinal).Count() != keys.Count)
        {
            errors.Add("Dispatcher:ProducerKeys: a key is listed twice; give each key one entry with all its workspaces");
        }
    }
}
