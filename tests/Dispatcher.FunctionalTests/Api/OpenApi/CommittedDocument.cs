using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Dispatcher.FunctionalTests.Api.OpenApi;

/// <summary>
/// docs/openapi.json, the copy of the document kept with the code. <see cref="UpdateVariable"/> set to 1
/// makes the drift test write what the server generates there instead of comparing.
/// </summary>
public static class CommittedDocument
{
    public const string UpdateVariable = "DISPATCHER_UPDATE_OPENAPI";

    public const string RegenerateCommand =
        UpdateVariable + "=1 dotnet test tests/Dispatcher.FunctionalTests --filter \"FullyQualifiedName~OpenApiDocumentTests.The_committed_copy\"";

    private static readonly JsonSerializerOptions Indented = new()
    {
        WriteIndented = true,
        IndentSize = 2,
        // The copy is read by people in diffs: no \u escapes for quotes, < or non-ASCII.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static bool Updating => Environment.GetEnvironmentVariable(UpdateVariable) == "1";

    public static string Path => System.IO.Path.Combine(RepositoryRoot(), "docs", "openapi.json");

    public static string Format(JsonNode document) => document.ToJsonString(Indented) + "\n";

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "Dispatcher.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException($"no Dispatcher.sln above {AppContext.BaseDirectory}");
    }
}
