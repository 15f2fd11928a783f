using System.Text;
using Dispatcher.Testing;

namespace Dispatcher.FunctionalTests.Api.Fuzz;

/// <summary>Every REST route, each with the malformed requests aimed at it.</summary>
public static class FuzzRoutes
{
    private const string ApiKey = DispatcherTestServer.ApiKey;

    public static IReadOnlyList<FuzzRoute> All { get; } =
    [
        new("POST /webhooks", true, (r, t) => Json(r, HttpMethod.Post, Prefix(r), FuzzBodies.Create(r))),
        new("GET /webhooks", false, (r, t) => Bare(r, HttpMethod.Get, Prefix(r) + Malformed.Query(r, "limit", "cursor", "status"))),
        new("GET /webhooks/{id}", false, (r, t) => Bare(r, HttpMethod.Get, $"{Prefix(r)}/{Malformed.Id(r, t)}")),
        new("DELETE /webhooks/{id}", true, (r, t) => Bare(r, HttpMethod.Delete, $"{Prefix(r)}/{Malformed.Id(r, t)}")),
        new("POST /webhooks/{id}/enable", true, (r, t) => Bare(r, HttpMethod.Post, $"{Prefix(r)}/{Malformed.Id(r, t)}/enable")),
        new("POST /webhooks/{id}/disable", true, (r, t) => Bare(r, HttpMethod.Post, $"{Prefix(r)}/{Malformed.Id(r, t)}/disable")),
        new("PATCH /webhooks/{id}", true, (r, t) => Json(r, HttpMethod.Patch, $"{Prefix(r)}/{RealOrJunk(r, t)}", FuzzBodies.Patch(r))),
        new("POST /webhooks/{id}/rotate-secret", true, (r, t) => Json(r, HttpMethod.Post, $"{Prefix(r)}/{RealOrJunk(r, t)}/rotate-secret", FuzzBodies.RotateSecret(r))),
        new("POST /webhooks/{id}/test", true, (r, t) => Bare(r, HttpMethod.Post, $"{Prefix(r)}/{Malformed.Id(r, t)}/test")),
        new("GET /webhooks/{id}/deliveries", false, (r, t) => Bare(r, HttpMethod.Get,
            $"{Prefix(r)}/{RealOrJunk(r, t)}/deliveries{Malformed.Query(r, "limit", "cursor", "outcome", "statusClass", "eventType", "since", "until")}")),
        new("POST /webhooks/{id}/deliveries/{d}/replay", true, (r, t) => Bare(r, HttpMethod.Post,
            $"{Prefix(r)}/{RealOrJunk(r, t)}/deliveries/{Malformed.Id(r, t)}/replay")),
        new("POST /webhooks/{id}/recover", true, (r, t) => Json(r, HttpMethod.Post, $"{Prefix(r)}/{RealOrJunk(r, t)}/recover", FuzzBodies.Recover(r))),
        new("GET /v1/event-types", false, (r, t) => Bare(r, HttpMethod.Get, "/v1/event-types" + Malformed.Query(r, "format"))),
        new("GET /v1/events/{id}", false, (r, t) => Bare(r, HttpMethod.Get, $"/v1/events/{Malformed.Id(r, t)}")),
        new("GET /v1/events/{id}/deliveries", false, (r, t) => Bare(r, HttpMethod.Get, $"/v1/events/{Malformed.Id(r, t)}/deliveries")),
    ];

    public static IEnumerable<object[]> Names => All.Select(route => new object[] { route.Name });

    private static string Prefix(Random random) => random.Next(2) == 0 ? "/v1/webhooks" : "/api/webhooks";

    /// <summary>Mostly the caller's own webhook, so the body or query is what gets judged.</summary>
    private static string RealOrJunk(Random random, FuzzTargets targets) => random.Next(4) == 0 ? Malformed.Id(random, targets) : targets.WebhookId;

    private static FuzzRequest Bare(Random random, HttpMethod method, string path) =>
        new(method, path, random.Next(4) == 0 ? Malformed.Bytes(random) : null, random.Next(4) == 0 ? Malformed.ContentType(random) : null,
            Malformed.Headers(random, ApiKey));

    private static FuzzRequest Json(Random random, HttpMethod method, string path, string body) =>
        new(method, path, random.Next(10) == 0 ? Malformed.Bytes(random) : Encoding.UTF8.GetBytes(body), Malformed.ContentType(random),
            Malformed.Headers(random, ApiKey));
}
