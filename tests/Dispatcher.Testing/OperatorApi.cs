using System.Net;
using System.Text.Json;

namespace Dispatcher.Testing;

/// <summary>The operator API in tests: its key, the setting that turns it on, and the calls most tests make first.</summary>
public static class OperatorApi
{
    public const string Key = "test_operator_key_0";

    /// <summary>Settings for <see cref="DispatcherTestServer.StartAsync"/> with the operator key, plus <paramref name="more"/>.</summary>
    public static Dictionary<string, string?> Settings(IDictionary<string, string?>? more = null)
    {
        var settings = new Dictionary<string, string?> { ["Dispatcher:OperatorKeys:0"] = Key };
        foreach (var (name, value) in more ?? new Dictionary<string, string?>())
        {
            settings[name] = value;
        }
        return settings;
    }

    /// <summary>A client of the operator API of <paramref name="server"/>.</summary>
    public static HttpClient Operator(this DispatcherTestServer server) => server.Api(Key);

    public static async Task CreateWorkspaceAsync(this HttpClient admin, string id, string? ownerEmail = null, int? maxWebhooks = null)
    {
        var (status, body) = await admin.SendJsonAsync(HttpMethod.Post, "/v1/admin/workspaces", new { id, ownerEmail, maxWebhooks });
        Assert.True(status == HttpStatusCode.Created, $"create workspace answered {(int)status}: {body}");
    }

    /// <summary>Issues a key; returns its id and the key itself (shown only in this answer).</summary>
    public static async Task<(string Id, string Key)> IssueKeyAsync(this HttpClient admin, string workspace, string scope)
    {
        var (status, body) = await admin.SendJsonAsync(HttpMethod.Post, $"/v1/admin/workspaces/{workspace}/keys", new { scope });
        Assert.True(status == HttpStatusCode.Created, $"issue key answered {(int)status}: {body}");
        return (body.GetProperty("id").GetString()!, body.GetProperty("key").GetString()!);
    }

    /// <summary>The <c>error.code</c> of an API error answer.</summary>
    public static string? ErrorCode(this JsonElement body) =>
        body.ValueKind == JsonValueKind.Object && body.TryGetProperty("error", out var error) ? error.GetProperty("code").GetString() : null;
}
