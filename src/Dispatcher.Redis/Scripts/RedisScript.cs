using System.Security.Cryptography;
using System.Text;

namespace Dispatcher.Redis.Scripts;

/// <summary>
/// A Lua script with its SHA1 computed once. Called by the text, StackExchange.Redis hashes the whole
/// script (~4 KB with common.lua) on every call to find its SHA; the profile put that at 4.7% of
/// Dispatcher's CPU in scenario 1 (bench/results/profile.md).
/// </summary>
internal sealed class RedisScript(string text)
{
    public string Text { get; } = text;

    public byte[] Sha { get; } = SHA1.HashData(Encoding.UTF8.GetBytes(text));
}
