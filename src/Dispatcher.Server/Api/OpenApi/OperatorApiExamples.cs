using Dispatcher.Server.Api.Admin;

namespace Dispatcher.Server.Api.OpenApi;

/// <summary>
/// The operator API's examples, by operationId (merged into <see cref="ApiExamples.ByOperation"/>). Its
/// errors are the ones <see cref="AdminErrors"/> writes, and each operation shows the operator key's
/// own <c>401</c>, not the workspace key's.
/// </summary>
public static class OperatorApiExamples
{
    private const string WorkspaceId = "ws_acme";
    private const string KeyId = "key_7f3k9x2m4q8v1b5n";
    private static readonly DateTimeOffset CreatedAt = new(2026, 11, 24, 9, 30, 0, TimeSpan.Zero);

    private static readonly WorkspaceResponse Workspace = new(WorkspaceId, "runtime", "active", "ops@acme.example", 50, CreatedAt);

    private static readonly KeyResponse Key = new(KeyId, WorkspaceId, "read", CreatedAt, null, null);

    private const string NewKey = "dsk_Qm9vZ2llLWtleS1zaG93bi1vbmNlLW9ubHktaGVyZS0xMjM0";

    public static IReadOnlyDictionary<string, OperationExample> ByOperation { get; } = new Dictionary<string, OperationExample>
    {
        ["CreateWorkspace"] = Operator(new CreateWorkspaceRequest(WorkspaceId, "ops@acme.example", 50), new()
        {
            [201] = Workspace,
            [400] = ApiExamples.Error(ApiError.BadRequest("INVALID_WORKSPACE", "the workspace is not valid",
                ["ownerEmail: one plain address, e.g. owner@example.com"])),
            [409] = ApiExamples.Error(new ApiError(StatusCodes.Status409Conflict, "WORKSPACE_EXISTS", $"workspace '{WorkspaceId}' already exists")),
        }),
        ["ListWorkspaces"] = Operator(null, new()
        {
            [200] = new WorkspaceListResponse([Workspace, new WorkspaceResponse("ws_demo", "configuration", "active", null, 20, null)]),
        }),
        ["GetWorkspace"] = Operator(null, new() { [200] = Workspace, [404] = ApiExamples.Error(AdminErrors.NoWorkspace(WorkspaceId)) }),
        ["SuspendWorkspace"] = Operator(null, new()
        {
            [200] = Workspace with { State = "suspended" },
            [404] = ApiExamples.Error(AdminErrors.NoWorkspace(WorkspaceId)),
            [409] = ApiExamples.Error(AdminErrors.Configured("ws_demo", "suspended")),
        }),
        ["ResumeWorkspace"] = Operator(null, new()
        {
            [200] = Workspace,
            [404] = ApiExamples.Error(AdminErrors.NoWorkspace(WorkspaceId)),
            [409] = ApiExamples.Error(AdminErrors.Configured("ws_demo", "resumed")),
        }),
        ["DeleteWorkspace"] = Operator(null, new()
        {
            [200] = new DeletedWorkspaceResponse(WorkspaceId, "deleted", 3, 2),
            [404] = ApiExamples.Error(AdminErrors.NoWorkspace(WorkspaceId)),
            [409] = ApiExamples.Error(AdminErrors.Configured("ws_demo", "deleted")),
        }),
        ["IssueKey"] = Operator(new IssueKeyRequest("read"), new()
        {
            [201] = Key with { Key = NewKey },
            [400] = ApiExamples.Error(ApiError.BadRequest("INVALID_SCOPE", "scope must be 'read', 'write' or 'publish'")),
            [404] = ApiExamples.Error(AdminErrors.NoWorkspace(WorkspaceId)),
            [409] = ApiExamples.Error(AdminErrors.Conflict($"workspace '{WorkspaceId}'")),
        }),
        ["ListKeys"] = Operator(null, new()
        {
            [200] = new KeyListResponse([Key]),
            [404] = ApiExamples.Error(AdminErrors.NoWorkspace(WorkspaceId)),
        }),
        ["RotateKey"] = Operator(new RotateKeyRequest(3600), new()
        {
            [200] = new RotatedKeyResponse(
                new KeyResponse("key_2c8d0e1f3a5b7c9d", WorkspaceId, "read", CreatedAt.AddDays(1), null, null, NewKey),
                Key with { ExpiresAt = CreatedAt.AddDays(1).AddHours(1), ReplacedBy = "key_2c8d0e1f3a5b7c9d" }),
            [400] = ApiExamples.Error(ApiError.BadRequest("INVALID_OVERLAP", $"overlapSeconds must be between 0 and {KeyAdminEndpoints.MaxOverlapSeconds} (a week)")),
            [404] = ApiExamples.Error(AdminErrors.NoKey(WorkspaceId, KeyId)),
            [409] = ApiExamples.Error(new ApiError(StatusCodes.Status409Conflict, "KEY_ALREADY_ROTATED",
                $"key '{KeyId}' was already rotated (to 'key_2c8d0e1f3a5b7c9d'); rotate that one instead")),
        }),
        ["RevokeKey"] = Operator(null, new() { [404] = ApiExamples.Error(AdminErrors.NoKey(WorkspaceId, KeyId)) }),
    };

    /// <summary>With the operator key's 401; for operator endpoints mapped outside the API's folder too.</summary>
    public static OperationExample Operator(object? request, Dictionary<int, object> responses)
    {
        responses[StatusCodes.Status401Unauthorized] =
            ApiExamples.Error(ApiError.Unauthenticated("missing operator key: send 'Authorization: Bearer <operator key>'"));
        return new OperationExample(request, responses);
    }
}
