namespace Dispatcher.Server.Configuration;

/// <summary>Start-up checks of <c>Dispatcher:OperatorKeys</c>: none is fine (the operator API is off), a weak one is not.</summary>
public static class OperatorKeyRules
{
    public const int MinLength = 16;

    public static void Validate(DispatcherOptions options, List<string> errors)
    {
        for (int i = 0; i < options.OperatorKeys.Count; i++)
        {
            if (options.OperatorKeys[i].Length < MinLength)
            {
                errors.Add($"Dispatcher:OperatorKeys:{i} needs at least {MinLength} characters");
            }
        }
        // An operator key that is also a customer or producer key would hand a customer the operator API.
        var others = options.ApiKeys.Select(k => k.Key).Concat(options.ProducerKeys.Select(k => k.Key)).ToHashSet(StringComparer.Ordinal);
        if (options.OperatorKeys.Any(others.Contains))
        {
            errors.Add("Dispatcher:OperatorKeys: an operator key is also configured as an API or producer key; give operators keys of their own");
        }
    }
}
