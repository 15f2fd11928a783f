using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Dispatcher.LoadTest.Processes;
using Dispatcher.LoadTest.Producing;
using Dispatcher.LoadTest.Receiving;
using Dispatcher.LoadTest.Setup;

namespace Dispatcher.LoadTest.Ceilings;

/// <summary>
/// The HTTP ceiling: wrk POSTing a signed envelope like Dispatcher's straight to the same receiver,
/// which does the same work per request (read, record, sample the signature).
/// </summary>
public static partial class WrkCeiling
{
    public const string Name = "wrk";

    public static async Task<(CeilingResult Result, ArrivalPhase? Phase)> RunAsync(
        LoadReceiver receiver, EndpointFleet fleet, TimeSpan duration, string logDirectory)
    {
        string? wrk = Tools.Find("wrk");
        if (wrk is null)
        {
            return (CeilingResult.Skip(Name, "wrk is not installed (apt-get install wrk; ./test.sh installs it)"), null);
        }
        string body = Envelope(0);
        long t = Clock.NowMicros() / 1_000_000;
        string signature = $"t={t},v1={Convert.ToHexStringLower(System.Security.Cryptography.HMACSHA256.HashData(
            Encoding.UTF8.GetBytes(fleet.Secrets[0]), Encoding.UTF8.GetBytes($"{t}.{body}")))}";
        string script = Path.Combine(logDirectory, "wrk-post.lua");
        await File.WriteAllTextAsync(script,
            "wrk.method = \"POST\"\n" +
            $"wrk.body = {LuaString(body)}\n" +
            "wrk.headers[\"Content-Type\"] = \"application/json\"\n" +
            "wrk.headers[\"User-Agent\"] = \"Dispatcher-Webhooks/1.0\"\n" +
            $"wrk.headers[\"CD4CD-Signature\"] = {LuaString(signature)}\n");
        var phase = new ArrivalPhase("wrk", fleet.BaseIndex, 1, 0, _ => fleet.Secrets[0]);
        string url = new Uri(receiver.BaseAddress, $"/hook/{fleet.BaseIndex}").ToString();
        string[] arguments = ["-t2", "-c64", $"-d{(int)duration.TotalSeconds}s", "-s", script, url];
        receiver.Begin(phase);
        await using var process = ChildProcess.Start("wrk", wrk, arguments, logDirectory);
        await process.WaitForExitAsync(duration + TimeSpan.FromSeconds(30));
        receiver.Begin(null);
        var match = process.Lines.Select(l => RequestsPerSecond().Match(l)).FirstOrDefault(m => m.Success);
        string command = "wrk " + string.Join(' ', arguments);
        return match is null
            ? (CeilingResult.Skip(Name, "wrk printed no Requests/sec; see wrk.log"), phase)
            : (new CeilingResult(Name, double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture), command, null), phase);
    }

    /// <summary>A CD4CD envelope as Dispatcher writes it, around the benchmark's event data.</summary>
    private static string Envelope(long seq) =>
        $"{{\"id\":\"wrk-{seq}\",\"type\":\"{Routing.Type(0)}\",\"createdAt\":\"2026-11-25T02:00:00.000Z\",\"data\":" +
        Encoding.UTF8.GetString(EventData.Create(seq, Clock.NowMicros())) + "}";

    private static string LuaString(string value) => "\"" + value.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"";

    [GeneratedRegex(@"Requests/sec:\s+([0-9.]+)")]
    private static partial Regex RequestsPerSecond();
}
