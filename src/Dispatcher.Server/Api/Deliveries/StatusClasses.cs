using System.Diagnostics.CodeAnalysis;

namespace Dispatcher.Server.Api.Deliveries;

/// <summary>The wire names of <see cref="StatusClass"/>: <c>2xx</c>, <c>3xx</c>, <c>4xx</c>, <c>5xx</c> and <c>none</c>.</summary>
public static class StatusClasses
{
    public static IReadOnlyList<string> All { get; } = ["2xx", "3xx", "4xx", "5xx", "none"];

    /// <summary>The class of a logged status; 1xx never ends an attempt, so anything outside 2xx–4xx is a server error.</summary>
    public static StatusClass Of(int? statusCode) => statusCode switch
    {
        null => StatusClass.None,
        >= 200 and < 300 => StatusClass.Success,
        >= 300 and < 400 => StatusClass.Redirection,
        >= 400 and < 500 => StatusClass.ClientError,
        _ => StatusClass.ServerError,
    };

    public static bool TryParse(string name, [NotNullWhen(true)] out StatusClass statusClass)
    {
        StatusClass? parsed = name switch
        {
            "2xx" => StatusClass.Success,
            "3xx" => StatusClass.Redirection,
            "4xx" => StatusClass.ClientError,
            "5xx" => StatusClass.ServerError,
            "none" => StatusClass.None,
            _ => null,
        };
        statusClass = parsed ?? default;
        return parsed is not null;
    }
}
