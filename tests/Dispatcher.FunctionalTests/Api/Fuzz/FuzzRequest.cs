namespace Dispatcher.FunctionalTests.Api.Fuzz;

/// <summary>One generated request: what the fuzzer sends and prints when the server mishandles it.</summary>
/// <param name="Body">Raw bytes (null: no body).</param>
/// <param name="Headers">Replaces the default authentication when it holds Authorization or X-API-Key.</param>
public sealed record FuzzRequest(HttpMethod Method, string Path, byte[]? Body, string? ContentType, IReadOnlyList<KeyValuePair<string, string>> Headers)
{
    public override string ToString()
    {
        string body = Body is null ? "<none>" : Body.Length > 200 ? $"{Body.Length} bytes" : System.Text.Encoding.UTF8.GetString(Body);
        string path = Path.Length > 200 ? Path[..200] + $"…({Path.Length} chars)" : Path;
        return $"{Method} {path} [{string.Join("; ", Headers.Select(h => $"{h.Key}: {(h.Value.Length > 60 ? h.Value[..60] + "…" : h.Value)}"))}] " +
            $"content-type={ContentType ?? "<none>"} body={body}";
    }
}
