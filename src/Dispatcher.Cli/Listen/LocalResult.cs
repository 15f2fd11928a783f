namespace Dispatcher.Cli.Listen;

/// <summary>What the local endpoint answered: a status, or (status 0) why it could not be reached.</summary>
public sealed record LocalResult(int StatusCode, string? Error, string ResponseBody, TimeSpan Latency)
{
    public bool IsSuccess => StatusCode is >= 200 and <= 299;
}
