using System.CommandLine;
using Dispatcher.Cli.Api;

namespace Dispatcher.Cli.Commands;

/// <summary>What an API command's body gets: its parse result, the client, and whether to print raw JSON.</summary>
public sealed record ApiCall(ParseResult Parse, ApiClient Api, bool Json);
