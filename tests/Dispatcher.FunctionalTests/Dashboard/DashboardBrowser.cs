using System.Net;
using System.Text.RegularExpressions;
using Dispatcher.Testing;

namespace Dispatcher.FunctionalTests.Dashboard;

/// <summary>
/// What a browser does with the dashboard, over plain HTTP: keeps its cookies, follows no redirect on
/// its own (tests look at them), posts the pages' forms with their antiforgery token and calls the API
/// with the page's CSRF token. The real browser tests (Dispatcher.Dashboard.Tests) drive Chromium.
/// </summary>
public sealed partial class DashboardBrowser : IDisposable
{
    private readonly HttpClient _http;

    public DashboardBrowser(Uri server)
    {
        Cookies = new CookieContainer();
        _http = new HttpClient(new HttpClientHandler { CookieContainer = Cookies, AllowAutoRedirect = false }) { BaseAddress = server };
    }

    public CookieContainer Cookies { get; }

    public HttpClient Http => _http;

    /// <summary>The session cookie as the browser holds it, or null.</summary>
    public Cookie? Session => Cookies.GetAllCookies().FirstOrDefault(c => c.Name == "dispatcher_dashboard");

    public async Task<(HttpStatusCode Status, string Html, Uri? Location)> GetAsync(string path)
    {
        using var response = await _http.GetAsync(path);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(), response.Headers.Location);
    }

    /// <summary>Fetches <paramref name="page"/> and posts its form back with <paramref name="fields"/> and its antiforgery token.</summary>
    public async Task<HttpResponseMessage> SubmitAsync(string page, IDictionary<string, string> fields, string? action = null)
    {
        var (_, html, _) = await GetAsync(page);
        var form = new Dictionary<string, string>(fields) { ["__RequestVerificationToken"] = AntiforgeryToken(html) };
        return await _http.PostAsync(action ?? page, new FormUrlEncodedContent(form));
    }

    public async Task<HttpResponseMessage> SignInWithKeyAsync(string key) =>
        await SubmitAsync("/dashboard/sign-in", new Dictionary<string, string> { ["key"] = key });

    /// <summary>
    /// Opens a portal link (which only shows whose it is) and presses Continue. A spent link's page has no
    /// Continue: the post is then made as a script would, with an antiforgery token from the sign-in page.
    /// </summary>
    public async Task<HttpResponseMessage> UsePortalLinkAsync(string url)
    {
        var link = new Uri(url);
        string token = Uri.UnescapeDataString(link.Query.Split("token=")[1]);
        string page = (await GetAsync(link.PathAndQuery)).Html.Contains("__RequestVerificationToken", StringComparison.Ordinal)
            ? link.PathAndQuery : "/dashboard/sign-in";
        return await SubmitAsync(page, new Dictionary<string, string> { ["token"] = token }, "/dashboard/portal");
    }

    /// <summary>The CSRF token a signed-in page carries for its script's API calls.</summary>
    public async Task<string> CsrfTokenAsync()
    {
        var (_, html, _) = await GetAsync("/dashboard");
        return CsrfMeta().Match(html) is { Success: true } match ? match.Groups[1].Value : throw new InvalidOperationException("no csrf-token meta on /dashboard");
    }

    /// <summary>An API call as the page's script makes it: the session cookie, and the CSRF header unless left out.</summary>
    public async Task<(HttpStatusCode Status, System.Text.Json.JsonElement Body)> ApiAsync(HttpMethod method, string path, object? body = null, string? csrf = null)
    {
        _http.DefaultRequestHeaders.Remove("X-CSRF-Token");
        if (csrf is not null)
        {
            _http.DefaultRequestHeaders.Add("X-CSRF-Token", csrf);
        }
        return await _http.SendJsonAsync(method, path, body);
    }

    public static string AntiforgeryToken(string html) =>
        AntiforgeryField().Match(html) is { Success: true } match ? match.Groups[1].Value : throw new InvalidOperationException("the page has no antiforgery token");

    public void Dispose() => _http.Dispose();

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();

    [GeneratedRegex("<meta name=\"csrf-token\" content=\"([^\"]+)\">")]
    private static partial Regex CsrfMeta();
}
