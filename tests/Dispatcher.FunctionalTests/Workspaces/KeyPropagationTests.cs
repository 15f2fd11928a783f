using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using Dispatcher.Testing;

namespace Dispatcher.FunctionalTests.Workspaces;

/// <summary>
/// Two server processes on one Redis: a key issued, rotated or revoked through one is honoured by the
/// other within a second, without a restart. The second is measured from the operator's answer on A
/// to B's first answer that reflects it (B is polled every 20 ms, so the reading is at most 20 ms late).
/// </summary>
[Collection(TimedCollection.Name)]
public sealed class KeyPropagationTests(RedisServerFixture redis, ITestOutputHelper output)
{
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(1);

    [Fact]
    public async Task A_key_issued_on_one_instance_works_on_the_other_within_a_second_and_stops_there_within_a_second_of_its_revocation()
    {
        string prefix = RedisServerFixture.NewPrefix();
        var settings = new Dictionary<string, string> { ["Dispatcher__OperatorKeys__0"] = OperatorApi.Key };
        await using var a = await ServerProcess.StartAsync(redis, prefix, output, settings);
        await using var b = await ServerProcess.StartAsync(redis, prefix, output, settings);
        using var adminA = Client(a.Http, OperatorApi.Key);
        await adminA.CreateWorkspaceAsync("ws_shared");
        // Warm B's authentication path first: the second measured below is propagation, not a cold start's JIT.
        using var unknownOnB = Client(b.Http, "dsk_not_issued_yet");
        await FirstAsync(unknownOnB, HttpStatusCode.Unauthorized);

        var (keyId, key) = await adminA.IssueKeyAsync("ws_shared", "write");
        var issued = Stopwatch.StartNew();
        using var onB = Client(b.Http, key);
        var accepted = await FirstAsync(onB, HttpStatusCode.OK);
        output.WriteLine($"issued on A, accepted on B after {accepted.TotalMilliseconds:0} ms");
        Assert.True(issued.Elapsed < Within + TimeSpan.FromMilliseconds(20), $"B accepted the new key only after {issued.Elapsed.TotalMilliseconds:0} ms");

        var (rotated, body) = await adminA.SendJsonAsync(HttpMethod.Post, $"/v1/admin/workspaces/ws_shared/keys/{keyId}/rotate", new { overlapSeconds = 0 });
        Assert.Equal(HttpStatusCode.OK, rotated);
        var rotation = Stopwatch.StartNew();
        using var rotatedOnB = Client(b.Http, body.GetProperty("key").GetProperty("key").GetString()!);
        await FirstAsync(rotatedOnB, HttpStatusCode.OK);
        await FirstAsync(onB, HttpStatusCode.Unauthorized);
        output.WriteLine($"rotated on A: new key accepted and old refused on B after {rotation.Elapsed.TotalMilliseconds:0} ms");
        Assert.True(rotation.Elapsed < Within + TimeSpan.FromMilliseconds(40), $"B honoured the rotation only after {rotation.Elapsed.TotalMilliseconds:0} ms");

        string newId = body.GetProperty("key").GetProperty("id").GetString()!;
        Assert.Equal(HttpStatusCode.NoContent, (await adminA.SendJsonAsync(HttpMethod.Delete, $"/v1/admin/workspaces/ws_shared/keys/{newId}")).Status);
        var revoked = Stopwatch.StartNew();
        await FirstAsync(rotatedOnB, HttpStatusCode.Unauthorized);
        output.WriteLine($"revoked on A, refused on B after {revoked.Elapsed.TotalMilliseconds:0} ms");
        Assert.True(revoked.Elapsed < Within + TimeSpan.FromMilliseconds(20), $"B refused the revoked key only after {revoked.Elapsed.TotalMilliseconds:0} ms");
    }

    /// <summary>Polls GET /v1/webhooks on B until it answers <paramref name="expected"/>; gives up after three seconds.</summary>
    private static async Task<TimeSpan> FirstAsync(HttpClient client, HttpStatusCode expected)
    {
        var started = Stopwatch.StartNew();
        while (started.Elapsed < TimeSpan.FromSeconds(3))
        {
            using var response = await client.GetAsync("/v1/webhooks");
            if (response.StatusCode == expected)
            {
                return started.Elapsed;
            }
            await Task.Delay(20);
        }
        throw new TimeoutException($"the other instance did not answer {(int)expected} within 3 s");
    }

    private static HttpClient Client(Uri baseAddress, string key)
    {
        var client = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(10) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client;
    }
}
