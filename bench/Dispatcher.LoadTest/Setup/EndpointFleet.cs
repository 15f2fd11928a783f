using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Dispatcher.LoadTest.Processes;

namespace Dispatcher.LoadTest.Setup;

/// <summary>
/// One scenario's endpoints: <see cref="Count"/> webhooks registered through the REST API, endpoint
/// <c>e</c> pointing at the receiver's <c>/hook/{BaseIndex + e}</c>, with the secret each create returned.
/// </summary>
public sealed class EndpointFleet(string workspacePrefix, int baseIndex, int count)
{
    private const int ParallelCalls = 8;

    public string WorkspacePrefix { get; } = workspacePrefix;

    public int BaseIndex { get; } = baseIndex;

    public int Count { get; } = count;

    /// <summary>Each endpoint's webhook id, as <c>POST /v1/webhooks</c> returned it (its partition follows from it).</summary>
    public string[] Ids { get; } = new string[count];

    /// <summary>Each endpoint's signing secret, as <c>POST /v1/webhooks</c> showed it once.</summary>
    public string[] Secrets { get; } = new string[count];

    public IEnumerable<string> Workspaces => Routing.Workspaces(WorkspacePrefix, Count);

    public async Task CreateAsync(HttpClient api, Uri receiver, CancellationToken token)
    {
        await Parallel.ForAsync(0, Count, new ParallelOptions { MaxDegreeOfParallelism = ParallelCalls, CancellationToken = token }, async (e, ct) =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/webhooks")
            {
                Content = JsonContent.Create(new
                {
                    endpoint = new Uri(receiver, $"/hook/{BaseIndex + e}").ToString(),
                    events = new[] { Routing.Type(e) },
                    secret = "auto",
                }),
            };
            Authorize(request, e);
            using var response = await api.SendAsync(request, ct);
            string body = await response.Content.ReadAsStringAsync(ct);
            if (response.StatusCode != HttpStatusCode.Created)
            {
                throw new InvalidOperationException($"creating webhook {e} answered {(int)response.StatusCode}: {body}");
            }
            using var json = JsonDocument.Parse(body);
            Ids[e] = json.RootElement.GetProperty("id").GetString()!;
            Secrets[e] = json.RootElement.GetProperty("secret").GetString()!;
        });
    }

    /// <summary>Disables (backlog keeps queuing in Redis) or enables (the backlog is sent) every endpoint.</summary>
    public async Task SetEnabledAsync(HttpClient api, bool enabled, CancellationToken token)
    {
        string verb = enabled ? "enable" : "disable";
        await Parallel.ForAsync(0, Count, new ParallelOptions { MaxDegreeOfParallelism = ParallelCalls, CancellationToken = token }, async (e, ct) =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, $"/v1/webhooks/{Ids[e]}/{verb}");
            Authorize(request, e);
            using var response = await api.SendAsync(request, ct);
            if (response.StatusCode != HttpStatusCode.OK)
            {
                throw new InvalidOperationException($"{verb} of webhook {e} answered {(int)response.StatusCode}");
            }
        });
    }

    private void Authorize(HttpRequestMessage request, int endpoint) =>
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", DispatcherServer.ApiKey(Routing.Workspace(WorkspacePrefix, endpoint)));
}
