using System.CommandLine;
using System.Text.Json.Nodes;

namespace Dispatcher.Cli.Commands;

/// <summary>
/// <c>--header 'Name: value'</c>, repeatable, as curl writes it: the webhook's custom headers, turned
/// into the API's <c>headers</c> object. The server checks names and values; this only splits them.
/// </summary>
public static class HeaderOption
{
    public static Option<string[]> Create() => new("--header")
    {
        Description = "a header sent on every delivery, 'Name: value' (repeatable), e.g. 'Authorization: Bearer …'",
        Arity = ArgumentArity.ZeroOrMore,
    };

    /// <summary>The <c>headers</c> object, in the order given.</summary>
    /// <exception cref="CliException">A value without a colon: usage error, nothing is sent.</exception>
    public static JsonObject ToJson(IEnumerable<string> values)
    {
        var headers = new JsonObject();
        foreach (string value in values)
        {
            int colon = value.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                // Only the part before any colon is echoed: what follows may be a credential.
                throw new CliException(ExitCodes.Usage, $"--header must look like 'Name: value'; got '{(colon < 0 ? "(no colon)" : "(no name)")}'");
            }
            string name = value[..colon].Trim();
            if (headers.ContainsKey(name))
            {
                throw new CliException(ExitCodes.Usage, $"--header '{name}' is given twice");
            }
            headers[name] = value[(colon + 1)..].Trim();
        }
        return headers;
    }
}
