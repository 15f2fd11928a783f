using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Dispatcher.Server.Api.OpenApi;
using Dispatcher.Testing;

namespace Dispatcher.FunctionalTests.Api.OpenApi;

/// <summary>The reference page at /openapi: served by the server with everything it loads, and nothing from anywhere else.</summary>
[Collection(SurfaceCollection.Name)]
public sealed partial class ReferencePageTests(RedisServerFixture redis, ITestOutputHelper output)
{
    [Fact]
    public async Task The_page_and_every_file_it_loads_come_from_the_server_and_name_no_other_address()
    {
        await using var server = await DispatcherTestServer.StartAsync(redis, output);
        using var anonymous = new HttpClient { BaseAddress = server.Http };

        using var page = await anonymous.GetAsync(ReferencePage.Path);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        // The browser itself refuses anything from elsewhere, whatever a later edit of the page adds.
        Assert.Equal(ReferencePage.ContentSecurityPolicy, page.Headers.GetValues("Content-Security-Policy").Single());
        Assert.DoesNotContain("http:", ReferencePage.ContentSecurityPolicy, StringComparison.Ordinal);
        string html = await page.Content.ReadAsStringAsync();

        var loaded = LoadedPaths().Matches(html).Select(m => m.Groups["path"].Value).Distinct().ToList();
        Assert.Contains("/openapi/reference.js", loaded);
        Assert.Contains("/openapi/reference.css", loaded);
        Assert.Contains(ApiContractRegistration.DocumentPath, loaded);
        var texts = new Dictionary<string, string> { [ReferencePage.Path] = html };
        foreach (string path in loaded)
        {
            Assert.True(path.StartsWith('/') && !path.StartsWith("//", StringComparison.Ordinal), $"the page loads '{path}', not a path on this server");
            using var response = await anonymous.GetAsync(path);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path} answered {(int)response.StatusCode}");
            texts[path] = await response.Content.ReadAsStringAsync();
        }

        foreach (var (path, text) in texts.Where(t => t.Key != ApiContractRegistration.DocumentPath))
        {
            Assert.False(ExternalAddress().IsMatch(text), $"{path} names an address elsewhere: {ExternalAddress().Match(text).Value}");
            Assert.DoesNotContain("@import", text, StringComparison.Ordinal);
            Assert.DoesNotContain("@font-face", text, StringComparison.Ordinal);
            Assert.DoesNotContain("url(", text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task The_page_script_renders_every_operation_and_schema_of_the_document()
    {
        await using var server = await DispatcherTestServer.StartAsync(redis, output);
        using var anonymous = new HttpClient { BaseAddress = server.Http };
        string work = Directory.CreateTempSubdirectory("dispatcher-reference-").FullName;
        try
        {
            string script = Path.Combine(work, "reference.js");
            string documentFile = Path.Combine(work, "v1.json");
            await File.WriteAllTextAsync(script, await anonymous.GetStringAsync("/openapi/reference.js"));
            string documentText = await anonymous.GetStringAsync(ApiContractRegistration.DocumentPath);
            await File.WriteAllTextAsync(documentFile, documentText);
            var document = JsonNode.Parse(documentText)!;
            int operations = document["paths"]!.AsObject().Sum(p => p.Value!.AsObject().Count);
            int schemas = document["components"]!["schemas"]!.AsObject().Count;

            var rendered = JsonNode.Parse(await RunNodeAsync(Path.Combine(AppContext.BaseDirectory, "Api", "OpenApi", "render-reference.mjs"), script, documentFile))!;

            Assert.Empty(rendered["errors"]!.AsArray());
            Assert.Equal(operations, rendered["operations"]!.AsArray().Count);
            Assert.Equal(operations, rendered["operations"]!.AsArray().Select(o => o!.GetValue<string>()).Distinct().Count());
            Assert.Equal(operations, rendered["links"]!.GetValue<int>());
            Assert.Equal(schemas, rendered["schemas"]!.AsArray().Count);
            Assert.Equal(0, rendered["nullTexts"]!.GetValue<int>());
            Assert.Equal(0, rendered["objectTexts"]!.GetValue<int>());
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    private static async Task<string> RunNodeAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo("node") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        using var node = Process.Start(start)!;
        var stdout = node.StandardOutput.ReadToEndAsync();
        var stderr = node.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await node.WaitForExitAsync(timeout.Token);
        Assert.True(node.ExitCode == 0, $"node exited {node.ExitCode}: {await stderr}");
        return await stdout;
    }

    /// <summary>What an HTML page makes the browser fetch: src, href, and the document the script reads.</summary>
    [GeneratedRegex("""(?:src|href|data-document)="(?<path>[^"]+)"\s*""")]
    private static partial Regex LoadedPaths();

    /// <summary>Any absolute or protocol-relative address, in markup, script or style.</summary>
    [GeneratedRegex("""(?:[a-z][a-z0-9+.-]*:)?//[a-z0-9.-]+""", RegexOptions.IgnoreCase)]
    private static partial Regex ExternalAddress();
}
