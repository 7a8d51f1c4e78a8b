using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.RegularExpressions;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using TapClockify.Clockify.Paging;
using TapClockify.Clockify.Resilience;

namespace TapClockify.Clockify;

public enum ClockifyApi { Core, Reports }

/// <summary>One attempt of a request: endpoint with ids taken out, HTTP status (null: no answer), time taken.</summary>
public sealed record RequestTiming(string Method, string Endpoint, int? Status, TimeSpan Duration);

/// <summary>
/// The one way to Clockify: authenticates with X-Api-Key, walks pages, paces and retries every
/// request through <see cref="ClockifyPipeline"/>, and turns failures into <see cref="ClockifyApiException"/>.
/// </summary>
public sealed partial class ClockifyClient : IDisposable
{
    private readonly ClockifyClientOptions _options;
    private readonly HttpClient _http;
    private readonly ClockifyPipeline _pipeline;
    private long _requestCount;

    private readonly Action<RequestTiming>? _observe;

    /// <param name="log">Told of each retry.</param>
    /// <param name="observe">Told of every attempt's endpoint, status (null when no answer came) and duration.</param>
    public ClockifyClient(ClockifyClientOptions options, Action<string>? log = null, Action<RequestTiming>? observe = null)
    {
        _options = options;
        _observe = observe;
        _pipeline = new ClockifyPipeline(options, log);
        _http = new HttpClient(new SocketsHttpHandler
        {
            AutomaticDecompression = DecompressionMethods.GZip | DecompressionMethods.Deflate,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            MaxConnectionsPerServer = 64,
        })
        {
            // Each attempt has its own timeout in the pipeline.
            Timeout = Timeout.InfiniteTimeSpan,
        };
        _http.DefaultRequestHeaders.Add("X-Api-Key", options.ApiKey);
        _http.DefaultRequestHeaders.UserAgent.ParseAdd(options.UserAgent);
        _http.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
    }

    public long RequestCount => Interlocked.Read(ref _requestCount);
    public int RetryCount => _pipeline.RetryCount;

    /// <summary>GETs one JSON value, such as the key's own user.</summary>
    public async Task<JToken> GetAsync(string path, IEnumerable<KeyValuePair<string, string>>? query = null, CancellationToken cancellationToken = default) =>
        (await SendAsync(HttpMethod.Get, ClockifyApi.Core, path, query, body: null, cancellationToken)).Body;

    /// <summary>POSTs a read-only query (the reports API) and returns the JSON answer.</summary>
    public async Task<JToken> PostAsync(ClockifyApi api, string path, JObject body, CancellationToken cancellationToken = default) =>
        (await SendAsync(HttpMethod.Post, api, path, query: null, body, cancellationToken)).Body;

    /// <summary>Every item of a list the API returns whole, in one response.</summary>
    public async IAsyncEnumerable<JObject> GetListAsync(string path, IEnumerable<KeyValuePair<string, string>>? query,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var response = await SendAsync(HttpMethod.Get, ClockifyApi.Core, path, query, body: null, cancellationToken, expectList: true);
        foreach (var item in ((JArray)response.Body).OfType<JObject>()) yield return item;
    }

    /// <summary>
    /// Every item of a paged list, page after page (page/page-size query parameters), each page
    /// read whole and retried as a unit, so no item is yielded twice or lost to a broken body.
    /// </summary>
    public async IAsyncEnumerable<JObject> GetAllPagesAsync(
        string path,
        IEnumerable<KeyValuePair<string, string>>? query,
        int pageSize,
        [EnumeratorCancellation] CancellationToken cancellationToken = default,
        PageParameters? parameters = null)
    {
        parameters ??= PageParameters.Standard;
        var fixedQuery = (query ?? []).ToList();
        var paging = new PageNumberPaging(pageSize, parameters.FirstPage, parameters.EndsOnShortPage);
        while (paging.HasMorePages)
        {
            var pageQuery = fixedQuery.Concat([new(parameters.Page, paging.Page.ToString()), new(parameters.Size, pageSize.ToString())]);
            var response = await SendAsync(HttpMethod.Get, ClockifyApi.Core, path, pageQuery, body: null, cancellationToken, expectList: true);
            var items = (JArray)response.Body;
            try
            {
                paging.Advance(items.Count, response.LastPage, (items.FirstOrDefault() as JObject)?["id"]?.ToString());
            }
            catch (InvalidOperationException repeated)
            {
                throw new ClockifyApiException(response.Request, 200, $"{response.Request}: {repeated.Message}", isTransient: false);
            }
            foreach (var item in items)
            {
                if (item is JObject obj) yield return obj;
            }
        }
    }

    /// <summary>
    /// Every item of a list that a POST query pages through its body (the reports API's
    /// detailedFilter.page): pages from 1 until one comes back shorter than the page size.
    /// </summary>
    public async IAsyncEnumerable<JObject> PostAllPagesAsync(
        ClockifyApi api,
        string path,
        Func<int, JObject> bodyForPage,
        string itemsProperty,
        int pageSize,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var paging = new PageNumberPaging(pageSize);
        while (paging.HasMorePages)
        {
            var response = await SendAsync(HttpMethod.Post, api, path, query: null, bodyForPage(paging.Page), cancellationToken);
            if (response.Body is not JObject { } answer || answer[itemsProperty] is not JArray items)
            {
                throw new ClockifyApiException(response.Request, 200,
                    $"{response.Request} returned no \"{itemsProperty}\" list (Clockify: \"{MessageOf(response.Body)}\")", isTransient: true);
            }
            try
            {
                paging.Advance(items.Count, response.LastPage, ((items.FirstOrDefault() as JObject)?["_id"] ?? (items.FirstOrDefault() as JObject)?["id"])?.ToString());
            }
            catch (InvalidOperationException repeated)
            {
                throw new ClockifyApiException(response.Request, 200, $"{response.Request}: {repeated.Message}", isTransient: false);
            }
            foreach (var item in items.OfType<JObject>()) yield return item;
        }
    }

    private sealed record Response(JToken Body, string? LastPage, string Request);

    private Task<Response> SendAsync(HttpMethod method, ClockifyApi api, string path, IEnumerable<KeyValuePair<string, string>>? query,
        JObject? body, CancellationToken cancellationToken, bool expectList = false)
    {
        var url = BuildUrl(api, path, query);
        var request = $"{method} {url.PathAndQuery}";
        return WithClearFailuresAsync(request, url, _pipeline.ExecuteAsync(request, async token =>
        {
            Interlocked.Increment(ref _requestCount);
            var started = Stopwatch.GetTimestamp();
            var outcome = new AttemptOutcome();
            try
            {
                return await AttemptAsync(method, url, request, body, expectList, outcome, token);
            }
            finally
            {
                _observe?.Invoke(new RequestTiming(method.Method, EndpointOf(url), outcome.Status, Stopwatch.GetElapsedTime(started)));
            }
        }, cancellationToken));
    }

    private sealed class AttemptOutcome
    {
        public int? Status { get; set; }
    }

    private async Task<Response> AttemptAsync(HttpMethod method, Uri url, string request, JObject? body, bool expectList,
        AttemptOutcome outcome, CancellationToken token)
    {
        using var message = new HttpRequestMessage(method, url);
        if (body is not null) message.Content = new StringContent(TapJson.Serialize(body), Encoding.UTF8, "application/json");
        using var response = await _http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, token);
        var status = (int)response.StatusCode;
        outcome.Status = status;
        if (status < 200 || status > 299)
        {
            var text = await response.Content.ReadAsStringAsync(token);
            throw ClockifyApiException.FromStatus(request, status, ClockifyMessageOf(text), RetryAfterOf(response));
        }
        var json = await ParseBodyAsync(response.Content, request, token);
        if (expectList && json is not JArray)
        {
            // Clockify sometimes answers 200 with {"code":..,"message":..} where a list belongs.
            var said = MessageOf(json);
            throw new ClockifyApiException(request, status,
                $"HTTP {status} from {request} returned {(said is null ? "a JSON object" : $"an error (Clockify: \"{said}\")")} where a list was expected",
                isTransient: true);
        }
        var lastPage = response.Headers.TryGetValues("Last-Page", out var values) ? values.FirstOrDefault() : null;
        return new Response(json, lastPage, request);
    }

    /// <summary>Failures that outlived every attempt become one line naming the request and what to do.</summary>
    private async Task<Response> WithClearFailuresAsync(string request, Uri url, Task<Response> attempts)
    {
        try
        {
            return await attempts;
        }
        catch (HttpRequestException unreachable)
        {
            throw new ClockifyApiException(request, null,
                $"{request} to {url.Authority}: no answer ({unreachable.Message}), {_options.MaxAttempts} attempts; check region or api_url and the network", isTransient: true);
        }
        catch (Exception timeout) when (timeout is Polly.Timeout.TimeoutRejectedException or IOException)
        {
            throw new ClockifyApiException(request, null,
                $"{request} to {url.Authority}: {(timeout is IOException ? "connection dropped" : "timed out")} on each of {_options.MaxAttempts} attempts; raise request_timeout_seconds or try again later", isTransient: true);
        }
    }

    /// <summary>The path with ids taken out, so timings of one endpoint group together.</summary>
    private static string EndpointOf(Uri url) => ObjectId().Replace(url.AbsolutePath, "{id}");

    [GeneratedRegex("[0-9a-fA-F]{24}")]
    private static partial Regex ObjectId();

    private Uri BuildUrl(ClockifyApi api, string path, IEnumerable<KeyValuePair<string, string>>? query)
    {
        var root = api == ClockifyApi.Core ? _options.Hosts.ApiUrl : _options.Hosts.ReportsUrl;
        var builder = new StringBuilder(root.AbsoluteUri).Append(path.TrimStart('/'));
        var separator = '?';
        foreach (var (name, value) in query ?? [])
        {
            builder.Append(separator).Append(Uri.EscapeDataString(name)).Append('=').Append(Uri.EscapeDataString(value));
            separator = '&';
        }
        return new Uri(builder.ToString());
    }

    /// <summary>Parses a body as it streams in, so a page is never held twice (as text and as JSON).</summary>
    private static async Task<JToken> ParseBodyAsync(HttpContent content, string request, CancellationToken cancellationToken)
    {
        await using var body = await content.ReadAsStreamAsync(cancellationToken);
        using var reader = TapJson.CreateReader(new StreamReader(body));
        try
        {
            var json = await JToken.ReadFromAsync(reader, TapJson.LoadSettings, cancellationToken);
            if (await reader.ReadAsync(cancellationToken)) throw new JsonReaderException("more than one JSON value");
            return json;
        }
        catch (JsonReaderException broken)
        {
            throw new ClockifyApiException(request, 200,
                $"{request} returned a body that is not complete JSON ({broken.Message.TrimEnd('.')}): check api_url and reports_url", isTransient: true);
        }
    }

    /// <summary>Clockify's own words from an error body <c>{"message": ..., "code": ...}</c>, if it has them.</summary>
    private static string? ClockifyMessageOf(string text)
    {
        try
        {
            return MessageOf(TapJson.Parse(text));
        }
        catch (JsonReaderException)
        {
            return null;
        }
    }

    private static string? MessageOf(JToken body) => body is JObject error && error["message"] is JValue said ? said.ToString() : null;

    private static TimeSpan? RetryAfterOf(HttpResponseMessage response)
    {
        var retryAfter = response.Headers.RetryAfter;
        if (retryAfter?.Delta is { } delta) return delta;
        if (retryAfter?.Date is { } date) return date - DateTimeOffset.UtcNow is { } wait && wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
        return null;
    }

    public void Dispose()
    {
        _http.Dispose();
        _pipeline.Dispose();
    }
}
