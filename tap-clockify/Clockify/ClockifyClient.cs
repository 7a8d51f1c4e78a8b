using System.Net;
using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
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
public sealed class ClockifyClient : IDisposable
{
    private readonly ClockifyClientOptions _options;
    private readonly HttpClient _http;
    private readonly ClockifyPipeline _pipeline;
    private readonly Action<RequestTiming>? _observe;
    private readonly TimeProvider _clock;
    private readonly Dictionary<string, KeptPage> _keptPages = [];
    private long _keptBytes;
    private long _requestCount;

    /// <summary>How much memory first pages read ahead may hold until their lists are read; past it, a list is asked for again.</summary>
    private const long MostKeptBytes = 16 << 20;

    /// <param name="clock">Paces, times out, waits between attempts, reads Retry-After dates and times each attempt.</param>
    /// <param name="log">Told of each retry.</param>
    /// <param name="observe">Told of every attempt's endpoint, status (null when no answer came) and duration.</param>
    public ClockifyClient(ClockifyClientOptions options, TimeProvider clock, Action<string>? log = null, Action<RequestTiming>? observe = null)
    {
        _options = options;
        _observe = observe;
        _clock = clock;
        _pipeline = new ClockifyPipeline(options, clock, log);
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
        await SendAsync(HttpMethod.Get, ClockifyApi.Core, path, query, cancellationToken);

    /// <summary>Every item of a list the API returns whole, in one response.</summary>
    /// <param name="wrappedIn">Where an answer object holds the list instead of a bare list: a property, or a dotted path.</param>
    public IAsyncEnumerable<JObject> GetListAsync(string path, IEnumerable<KeyValuePair<string, string>>? query, CancellationToken cancellationToken = default,
        string? wrappedIn = null) =>
        StreamItemsAsync(_ => new ListRequest(HttpMethod.Get, ClockifyApi.Core, path, query, null, new ListRows(wrappedIn, null)), paging: null,
            ItemReader.Objects, cancellationToken);

    /// <summary>Every item of a paged list, page after page (page and page-size query parameters by default).</summary>
    /// <param name="wrappedIn">Where an answer object holds the list instead of a bare list: a property, or a dotted path such as "expenses.expenses".</param>
    /// <param name="totalAt">Where a wrapped answer gives the list's length: paging stops once that many items were read.</param>
    public IAsyncEnumerable<JObject> GetAllPagesAsync(string path, IEnumerable<KeyValuePair<string, string>>? query, int pageSize,
        CancellationToken cancellationToken = default, PageParameters? parameters = null, string? wrappedIn = null, string? totalAt = null) =>
        GetAllPagesAsync(path, query, pageSize, ItemReader.Objects, cancellationToken, parameters, wrappedIn, totalAt);

    /// <summary>Every item of a paged list, each read from its JSON by <paramref name="items"/>.</summary>
    public IAsyncEnumerable<T> GetAllPagesAsync<T>(
        string path,
        IEnumerable<KeyValuePair<string, string>>? query,
        int pageSize,
        ItemReader<T> items,
        CancellationToken cancellationToken = default,
        PageParameters? parameters = null,
        string? wrappedIn = null,
        string? totalAt = null) =>
        PagePrefetcher.ItemsAsync(PageReader(PagedRequests(path, query, pageSize, parameters, wrappedIn, totalAt), items),
            PagingOf(pageSize, parameters), items.SpareBatches, cancellationToken);

    /// <summary>
    /// As <see cref="GetAllPagesAsync{T}"/>, in the batches the items were read in, each valid until
    /// the next is asked for: for lists of millions of items, gone through without an await per item.
    /// </summary>
    public IAsyncEnumerable<IReadOnlyList<T>> GetAllPagesInBatchesAsync<T>(string path, IEnumerable<KeyValuePair<string, string>>? query,
        int pageSize, ItemReader<T> items, CancellationToken cancellationToken = default) =>
        PagePrefetcher.BatchesAsync(PageReader(PagedRequests(path, query, pageSize, null, null, null), items),
            PagingOf(pageSize, null), items.SpareBatches, cancellationToken);

    private static Func<int, ListRequest> PagedRequests(string path, IEnumerable<KeyValuePair<string, string>>? query, int pageSize,
        PageParameters? parameters, string? wrappedIn, string? totalAt)
    {
        parameters ??= PageParameters.Standard;
        var fixedQuery = (query ?? []).ToList();
        return page => new ListRequest(HttpMethod.Get, ClockifyApi.Core, path,
            fixedQuery.Concat([new(parameters.Page, page.ToString()), new(parameters.Size, pageSize.ToString())]), null, new ListRows(wrappedIn, totalAt));
    }

    private static PageNumberPaging PagingOf(int pageSize, PageParameters? parameters)
    {
        parameters ??= PageParameters.Standard;
        return new PageNumberPaging(pageSize, parameters.FirstPage, parameters.EndsOnShortPage);
    }

    /// <summary>
    /// Every item of a list that a POST query pages through its body (the reports API's
    /// detailedFilter.page, the time-off requests' page), found at <paramref name="itemsAt"/> of
    /// each answer (a property or a dotted path; a bare list is read too) and read from its JSON by
    /// <paramref name="items"/>; <paramref name="totalAt"/> is where an answer gives the list's length.
    /// </summary>
    public IAsyncEnumerable<T> PostAllPagesAsync<T>(ClockifyApi api, string path, Func<int, JObject> bodyForPage, string itemsAt,
        int pageSize, ItemReader<T> items, CancellationToken cancellationToken = default, string? totalAt = null) =>
        StreamItemsAsync(page => new ListRequest(HttpMethod.Post, api, path, null, bodyForPage(page), new ListRows(itemsAt, totalAt)),
            new PageNumberPaging(pageSize), items, cancellationToken);

    /// <summary>
    /// As <see cref="PostAllPagesAsync{T}"/>, in the batches the items were read in, each valid until
    /// the next is asked for: for the detailed report, a million entries gone through without an await per item.
    /// </summary>
    public IAsyncEnumerable<IReadOnlyList<T>> PostAllPagesInBatchesAsync<T>(ClockifyApi api, string path, Func<int, JObject> bodyForPage, string itemsAt,
        int pageSize, ItemReader<T> items, CancellationToken cancellationToken = default) =>
        PagePrefetcher.BatchesAsync(PageReader(page => new ListRequest(HttpMethod.Post, api, path, null, bodyForPage(page), new ListRows(itemsAt, null)), items),
            new PageNumberPaging(pageSize), items.SpareBatches, cancellationToken);

    /// <summary>
    /// One page of a list that a POST query pages through its body, its items handed over in batches
    /// to <paramref name="onBatch"/> (read again whole if an attempt fails midway, no item handed over
    /// twice): for a caller that reads a list's pages at the same time. <paramref name="totalAt"/> is
    /// where the answer gives the list's length ("totals.0.entriesCount": in the first object of a list).
    /// </summary>
    internal Task<PageResult> PostPageInBatchesAsync<T>(ClockifyApi api, string path, JObject body, string itemsAt, string? totalAt,
        ItemReader<T> items, Func<List<T>, ValueTask> onBatch, CancellationToken cancellationToken) =>
        ReadPageAsync(new ListRequest(HttpMethod.Post, api, path, null, body, new ListRows(itemsAt, totalAt)), new PageHandOver<T>(items, onBatch), cancellationToken);

    /// <summary>Where an answer holds a list's items (null: the answer is the list) and its total length, if it gives one.</summary>
    private sealed record ListRows(string? ItemsPath, string? TotalPath);

    /// <summary>Where a list lives: the request, and where in the answer its items are.</summary>
    private sealed record ListRequest(HttpMethod Method, ClockifyApi Api, string Path, IEnumerable<KeyValuePair<string, string>>? Query,
        JObject? Body, ListRows Rows);

    /// <summary>Every item of a list, page after page, read ahead by <see cref="PagePrefetcher"/>.</summary>
    private IAsyncEnumerable<T> StreamItemsAsync<T>(Func<int, ListRequest> requestForPage, PageNumberPaging? paging, ItemReader<T> itemReader,
        CancellationToken cancellationToken) =>
        PagePrefetcher.ItemsAsync(PageReader(requestForPage, itemReader), paging, itemReader.SpareBatches, cancellationToken);

    /// <summary>How <see cref="PagePrefetcher"/> reads a page by its number.</summary>
    private Func<int, Func<List<T>, ValueTask>, CancellationToken, Task<PageResult>> PageReader<T>(Func<int, ListRequest> requestForPage, ItemReader<T> itemReader) =>
        (page, onBatch, token) => ReadPageAsync(requestForPage(page), new PageHandOver<T>(itemReader, onBatch), token);

    /// <summary>
    /// Reads the first page of a paged list now and keeps its answer for the first read of that list
    /// (<see cref="GetAllPagesAsync(string, IEnumerable{KeyValuePair{string, string}}?, int, CancellationToken, PageParameters?, string?, string?)"/>
    /// or its kin, with the same path, query and page size), which then makes no request: a check
    /// that needs an early answer (may this key list a workspace's users?) and the sync that reads
    /// the list later share one request. A failure is thrown here as the list's read would throw it.
    /// </summary>
    public async Task KeepFirstPageAsync(string path, IEnumerable<KeyValuePair<string, string>>? query, int pageSize, CancellationToken cancellationToken)
    {
        var list = PagedRequests(path, query, pageSize, null, null, null)(PageParameters.Standard.FirstPage);
        var url = ClockifyUrls.Build(_options.Hosts, list.Api, list.Path, list.Query);
        var request = $"{list.Method} {url.PathAndQuery}";
        var page = await ClockifyFailures.WithClearFailuresAsync(request, url, attempts => Timed(request, url, list.Method, attempts,
            async (response, token) => new KeptPage(await PooledBody.ReadAsync(response, token), LastPageOf(response)), cancellationToken));
        lock (_keptPages)
        {
            if (_keptBytes + page.Body.Json.Length <= MostKeptBytes && _keptPages.TryAdd(url.AbsoluteUri, page))
            {
                _keptBytes += page.Body.Json.Length;
                return;
            }
        }
        page.Body.Dispose();
    }

    /// <summary>A first page read ahead: its body and its Last-Page header.</summary>
    private sealed record KeptPage(PooledBody Body, string? LastPage);

    private KeptPage? TakeKeptPage(Uri url)
    {
        lock (_keptPages)
        {
            if (!_keptPages.Remove(url.AbsoluteUri, out var page)) return null;
            _keptBytes -= page.Body.Json.Length;
            return page;
        }
    }

    private static string? LastPageOf(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Last-Page", out var values) ? values.FirstOrDefault() : null;

    /// <summary>One page, read again whole if an attempt fails midway; <paramref name="handOver"/> passes on only the items not yet handed over.</summary>
    private Task<PageResult> ReadPageAsync<T>(ListRequest list, PageHandOver<T> handOver, CancellationToken cancellationToken)
    {
        var url = ClockifyUrls.Build(_options.Hosts, list.Api, list.Path, list.Query);
        var request = $"{list.Method} {url.PathAndQuery}";
        Task<PageResult> FromApi() => ClockifyFailures.WithClearFailuresAsync(request, url, attempts => Timed(request, url, list.Method, attempts, async (response, token) =>
        {
            using var body = await PooledBody.ReadAsync(response, token);
            return await HandOverPageAsync(body, LastPageOf(response), list, handOver, request);
        }, cancellationToken, list.Body));
        return TakeKeptPage(url) is { } kept ? ReadKeptPageAsync(kept, list, handOver, request, FromApi) : FromApi();
    }

    /// <summary>A kept page whose body proves broken (cut short, say) is asked for again, as a failed attempt would be.</summary>
    private static async Task<PageResult> ReadKeptPageAsync<T>(KeptPage kept, ListRequest list, PageHandOver<T> handOver, string request,
        Func<Task<PageResult>> askAgain)
    {
        using (kept.Body)
        {
            try
            {
                return await HandOverPageAsync(kept.Body, kept.LastPage, list, handOver, request);
            }
            catch (ClockifyApiException broken) when (broken.IsTransient)
            {
                // Items it handed over before the break are not handed over again.
            }
        }
        return await askAgain();
    }

    private static async Task<PageResult> HandOverPageAsync<T>(PooledBody body, string? lastPage, ListRequest list, PageHandOver<T> handOver, string request)
    {
        try
        {
            var items = ListItems<T>.Find(body.Json, list.Rows.ItemsPath, list.Rows.TotalPath, request, out var total);
            var (count, firstId) = await handOver.HandOverAsync(items);
            return new PageResult(count, firstId, lastPage, request, total);
        }
        catch (Exception broken) when (broken is JsonException or Newtonsoft.Json.JsonReaderException)
        {
            throw ClockifyFailures.NotJson(request, broken.Message);
        }
    }

    private Task<JToken> SendAsync(HttpMethod method, ClockifyApi api, string path, IEnumerable<KeyValuePair<string, string>>? query,
        CancellationToken cancellationToken)
    {
        var url = ClockifyUrls.Build(_options.Hosts, api, path, query);
        var request = $"{method} {url.PathAndQuery}";
        return ClockifyFailures.WithClearFailuresAsync(request, url, attempts => Timed(request, url, method, attempts, async (response, token) =>
        {
            using var body = await PooledBody.ReadAsync(response, token);
            try
            {
                return TapJson.Parse(body.Json.Span);
            }
            catch (Newtonsoft.Json.JsonReaderException broken)
            {
                throw ClockifyFailures.NotJson(request, broken.Message);
            }
        }, cancellationToken));
    }

    /// <summary>
    /// One request through the pipeline (paced, retried): sends it, turns a non-2xx answer into
    /// <see cref="ClockifyApiException"/>, reads a 2xx body with <paramref name="read"/>, and
    /// reports each attempt's endpoint, status and time.
    /// </summary>
    private Task<T> Timed<T>(string request, Uri url, HttpMethod method, StrongBox<int> attempts, Func<HttpResponseMessage, CancellationToken, Task<T>> read,
        CancellationToken cancellationToken, JObject? body = null) =>
        _pipeline.ExecuteAsync(request, async token =>
        {
            Interlocked.Increment(ref _requestCount);
            attempts.Value++;
            var started = _clock.GetTimestamp();
            int? status = null;
            try
            {
                using var message = new HttpRequestMessage(method, url);
                if (body is not null) message.Content = new StringContent(TapJson.Serialize(body), Encoding.UTF8, "application/json");
                using var response = await _http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, token);
                status = (int)response.StatusCode;
                if (status is < 200 or > 299)
                {
                    var text = await response.Content.ReadAsStringAsync(token);
                    throw ClockifyApiException.FromStatus(request, status.Value, ClockifyFailures.ClockifyMessageOf(text), ClockifyFailures.RetryAfterOf(response, _clock.GetUtcNow()));
                }
                return await read(response, token);
            }
            finally
            {
                _observe?.Invoke(new RequestTiming(method.Method, ClockifyUrls.EndpointOf(url), status, _clock.GetElapsedTime(started)));
            }
        }, cancellationToken);

    public void Dispose()
    {
        lock (_keptPages)
        {
            foreach (var page in _keptPages.Values) page.Body.Dispose();
            _keptPages.Clear();
        }
        _http.Dispose();
        _pipeline.Dispose();
    }
}
