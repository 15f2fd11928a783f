namespace Dispatcher.Redis;

/// <summary>
/// Escapes an id that comes from outside (a workspace, event, webhook or caller id) before it goes
/// into a key name. Unescaped, workspace <c>acme</c> event <c>eu:1</c> and workspace <c>acme:eu</c>
/// event <c>1</c> would share a key, and a brace would move a key's hash tag. Only the separator,
/// the braces and the escape character itself are touched, so ids without them keep exactly the
/// key names of layout 1 (see RedisLayout).
/// </summary>
public static class KeyPart
{
    private static readonly System.Buffers.SearchValues<char> Special = System.Buffers.SearchValues.Create("%:{}");

    public static string Encode(string id)
    {
        if (id.AsSpan().IndexOfAny(Special) < 0)
        {
            return id;
        }
        var escaped = new System.Text.StringBuilder(id.Length + 8);
        foreach (char c in id)
        {
            escaped.Append(c switch
            {
                '%' => "%25",
                ':' => "%3A",
                '{' => "%7B",
                '}' => "%7D",
                _ => c.ToString(),
            });
        }
        return escaped.ToString();
    }

    /// <summary>Reverses <see cref="Encode"/>: only its four escapes, so it reads back exactly what was encoded.</summary>
    public static string Decode(string part)
    {
        if (!part.Contains('%', StringComparison.Ordinal))
        {
            return part;
        }
        return part.Replace("%3A", ":", StringComparison.Ordinal)
            .Replace("%7B", "{", StringComparison.Ordinal)
            .Replace("%7D", "}", StringComparison.Ordinal)
            .Replace("%25", "%", StringComparison.Ordinal);
    }
}
