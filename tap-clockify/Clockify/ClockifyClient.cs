using System.Buffers;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Threading.Channels;
using Newtonsoft.Json.Linq;
using TapClockify.Clockify.Paging;
using TapClockify.Clockify.Resilience;

namespace TapClockify.Clockify;

public enum ClockifyApi { Core, Reports }

/// <summary>
/// Makes a list item from its JSON. The reader is on the item's first token and must be left on its
/// last; <paramref name="json"/> is the text the reader reads (its token positions count from its
/// start). That text is reused once the page is read: an item must keep a copy of what it needs.
/// </summary>
/// <param name="reuse">With <see cref="ItemReader{T}.ReusesItems"/>, an item the caller is done with, to fill again; else default.</param>
public delegate T ReadItem<T>(ref Utf8JsonReader reader, ReadOnlyMemory<byte> json, T? reuse);

/// <summary>How a list item is made from its JSON, and its id.</summary>
/// <param name="ReusesItems">
/// Items are filled again once the caller has moved past them, for lists of millions of items: an
/// item is then valid only until the next one is asked for.
/// </param>
public sealed record ItemReader<T>(ReadItem<T> Read, Func<T, string?> IdOf, bool ReusesItems = false)
{
    /// <summary>Batches of items callers have gone past, shared by every list read with this reader so their number stays small.</summary>
    internal ConcurrentQueue<List<T>>? SpareBatches { get; } = ReusesItems ? new() : null;
}

public static class ItemReader
{
    /// <summary>Items as JSON objects, identified by "id" (or the reports API's "_id").</summary>
    public static readonly ItemReader<JObject> Objects = new(ReadObject, item => (item["id"] ?? item["_id"])?.ToString());

    private static JObject ReadObject(ref Utf8JsonReader reader, ReadOnlyMemory<byte> json, JObject? reuse)
    {
        var start = (int)reader.TokenStartIndex;
        reader.Skip();
        return (JObject)TapJson.Parse(json.Span[start..(int)reader.BytesConsumed]);
    }
}

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
    private readonly Action<RequestTiming>? _observe;
    private long _requestCount;

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
        string? totalAt = null)
    {
        parameters ??= PageParameters.Standard;
        var fixedQuery = (query ?? []).ToList();
        return StreamItemsAsync(
            page => new ListRequest(HttpMethod.Get, ClockifyApi.Core, path,
                fixedQuery.Concat([new(parameters.Page, page.ToString()), new(parameters.Size, pageSize.ToString())]), null, new ListRows(wrappedIn, totalAt)),
            new PageNumberPaging(pageSize, parameters.FirstPage, parameters.EndsOnShortPage),
            items,
            cancellationToken);
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

    /// <summary>Where an answer holds a list's items (null: the answer is the list) and its total length, if it gives one.</summary>
    private sealed record ListRows(string? ItemsPath, string? TotalPath);

    /// <summary>Where a list lives: the request, and where in the answer its items are.</summary>
    private sealed record ListRequest(HttpMethod Method, ClockifyApi Api, string Path, IEnumerable<KeyValuePair<string, string>>? Query,
        JObject? Body, ListRows Rows);

    /// <summary>
    /// The one request loop: pages are read on a background task and their items handed over in
    /// small batches through a bounded channel as they are parsed, so a page's items are never all
    /// made at once and fetching the next page overlaps with writing the last records. A page whose
    /// attempt fails midway is read again whole, and only the items not yet handed over go on.
    /// </summary>
    private async IAsyncEnumerable<T> StreamItemsAsync<T>(Func<int, ListRequest> requestForPage, PageNumberPaging? paging,
        ItemReader<T> itemReader, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var batches = Channel.CreateBounded<List<T>>(new BoundedChannelOptions(BatchesInFlight) { SingleReader = true, SingleWriter = true });
        var spareBatches = itemReader.SpareBatches;
        var producer = Task.Run(async () =>
        {
            try
            {
                var page = paging?.Page ?? 1;
                do
                {
                    var result = await ReadPageAsync(requestForPage(page), itemReader, spareBatches, batch => batches.Writer.WriteAsync(batch, stop.Token), stop.Token);
                    if (paging is null) break;
                    try
                    {
                        paging.Advance(result.Count, result.LastPage, result.FirstId, result.Total);
                    }
                    catch (InvalidOperationException repeated)
                    {
                        throw new ClockifyApiException(result.Request, 200, $"{result.Request}: {repeated.Message}", isTransient: false);
                    }
                    page = paging.Page;
                } while (paging.HasMorePages);
                batches.Writer.Complete();
            }
            catch (Exception failure)
            {
                batches.Writer.Complete(failure);
            }
        }, CancellationToken.None);

        try
        {
            await foreach (var batch in batches.Reader.ReadAllAsync(cancellationToken))
            {
                foreach (var item in batch) yield return item;
                spareBatches?.Enqueue(batch);
            }
        }
        finally
        {
            // The reader may stop early (an error downstream, or it had what it wanted).
            await stop.CancelAsync();
            await producer;
        }
    }

    private const int BatchesInFlight = 4;
    private const int ItemsPerBatch = 256;

    private sealed record PageResult(int Count, string? FirstId, string? LastPage, string Request, long? Total);

    private Task<PageResult> ReadPageAsync<T>(ListRequest list, ItemReader<T> itemReader, ConcurrentQueue<List<T>>? spareBatches,
        Func<List<T>, ValueTask> onBatch, CancellationToken cancellationToken)
    {
        var url = BuildUrl(list.Api, list.Path, list.Query);
        var request = $"{list.Method} {url.PathAndQuery}";
        // Items of this page already handed over by an attempt whose body then broke: a retry reads
        // the page again whole but hands over only what follows them, so nothing is written twice.
        var handedOver = 0;
        return WithClearFailuresAsync(request, url, attempts => Timed(request, url, list.Method, attempts, async (response, token) =>
        {
            using var body = await BodyAsync(response, token);
            var lastPage = response.Headers.TryGetValues("Last-Page", out var values) ? values.FirstOrDefault() : null;
            try
            {
                var items = ListItems<T>.Find(body.Json, list.Rows.ItemsPath, list.Rows.TotalPath, request, out var total);
                var count = 0;
                string? firstId = null;
                while (true)
                {
                    var batch = spareBatches?.TryDequeue(out var spare) == true ? spare : new List<T>(ItemsPerBatch);
                    var more = items.ReadBatch(itemReader, batch, ItemsPerBatch);
                    if (batch.Count > 0)
                    {
                        if (count == 0) firstId = itemReader.IdOf(batch[0]);
                        var seenBefore = Math.Clamp(handedOver - count, 0, batch.Count);
                        count += batch.Count;
                        batch.RemoveRange(0, seenBefore);
                        if (batch.Count > 0)
                        {
                            await onBatch(batch);
                            handedOver = count;
                        }
                        else spareBatches?.Enqueue(batch);
                    }
                    if (!more) return new PageResult(count, firstId, lastPage, request, total);
                }
            }
            catch (Exception broken) when (broken is JsonException or Newtonsoft.Json.JsonReaderException)
            {
                throw NotJson(request, broken.Message);
            }
        }, cancellationToken, list.Body));
    }

    /// <summary>
    /// The items of a list in a body, read a batch at a time: a reader over the body cannot live
    /// across an await, so its state is kept between batches.
    /// </summary>
    private sealed class ListItems<T>
    {
        private readonly ReadOnlyMemory<byte> _body;
        // A bare list is the whole body, so what follows it must be nothing; a wrapped one was checked whole already.
        private readonly bool _isWholeBody;
        private JsonReaderState _state;
        private int _offset;
        private bool _started;

        private ListItems(ReadOnlyMemory<byte> body, int listStart, bool isWholeBody)
        {
            _body = body;
            _offset = listStart;
            _isWholeBody = isWholeBody;
        }

        /// <summary>
        /// Finds the list: the body itself, or at <paramref name="itemsPath"/> of the object it is (a
        /// property name, or names joined by dots for a list wrapped twice, such as "expenses.expenses"),
        /// with the number at <paramref name="totalPath"/> where the answer gives one.
        /// </summary>
        public static ListItems<T> Find(ReadOnlyMemory<byte> body, string? itemsPath, string? totalPath, string request, out long? total)
        {
            total = null;
            var reader = new Utf8JsonReader(body.Span);
            if (!reader.Read()) throw new JsonException("empty body");
            // A bare list is taken wherever it stands: live answers are bare where the document wraps them.
            if (reader.TokenType == JsonTokenType.StartArray) return new ListItems<T>(body, (int)reader.TokenStartIndex, isWholeBody: true);
            if (itemsPath is not null && reader.TokenType == JsonTokenType.StartObject)
            {
                string? said = null;
                int? listStart = null;
                // The paths of the objects the reader is inside, outermost first ("" for the body).
                var objects = new List<string> { "" };
                while (objects.Count > 0 && reader.Read())
                {
                    if (reader.TokenType == JsonTokenType.EndObject)
                    {
                        objects.RemoveAt(objects.Count - 1);
                        continue;
                    }
                    var name = reader.GetString()!;
                    var path = objects[^1].Length == 0 ? name : objects[^1] + "." + name;
                    reader.Read();
                    // The document spells the report's list "timeEntries", the live API "timeentries".
                    if (string.Equals(path, itemsPath, StringComparison.OrdinalIgnoreCase) && reader.TokenType == JsonTokenType.StartArray)
                    {
                        listStart = (int)reader.TokenStartIndex;
                    }
                    else if (totalPath is not null && string.Equals(path, totalPath, StringComparison.OrdinalIgnoreCase)
                        && reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out var number))
                    {
                        total = number;
                    }
                    else if (reader.TokenType == JsonTokenType.StartObject && (IsBelow(itemsPath, path) || (totalPath is not null && IsBelow(totalPath, path))))
                    {
                        objects.Add(path);
                        continue;
                    }
                    else if (path == "message" && reader.TokenType == JsonTokenType.String) said = reader.GetString();
                    reader.Skip();
                }
                if (reader.Read()) throw new JsonException("more than one JSON value");
                return listStart is { } start
                    ? new ListItems<T>(body, start, isWholeBody: false)
                    : throw new ClockifyApiException(request, 200,
                        $"{request} returned no \"{itemsPath}\" list{(said is null ? "" : $" (Clockify: \"{said}\")")}", isTransient: true);
            }

            // Clockify sometimes answers 200 with {"code":..,"message":..} where a list belongs.
            var other = TapJson.Parse(body.Span);
            var message = MessageOf(other);
            throw new ClockifyApiException(request, 200,
                $"HTTP 200 from {request} returned {(message is null ? "a JSON " + other.Type.ToString().ToLowerInvariant() : $"an error (Clockify: \"{message}\")")} where a list was expected",
                isTransient: true);
        }

        private static bool IsBelow(string path, string objectPath) => path.StartsWith(objectPath + ".", StringComparison.OrdinalIgnoreCase);

        /// <summary>
        /// Fills <paramref name="batch"/> with up to <paramref name="max"/> items, the ones it holds
        /// given to the item reader to fill again; false once the list has ended.
        /// </summary>
        public bool ReadBatch(ItemReader<T> itemReader, List<T> batch, int max)
        {
            var json = _body[_offset..];
            var reader = new Utf8JsonReader(json.Span, isFinalBlock: true, _state);
            if (!_started)
            {
                reader.Read();
                _started = true;
            }
            var more = true;
            var count = 0;
            while (count < max)
            {
                if (!reader.Read()) throw new JsonException("the list does not end");
                if (reader.TokenType == JsonTokenType.EndArray)
                {
                    if (_isWholeBody && reader.Read()) throw new JsonException("more than one JSON value");
                    more = false;
                    break;
                }
                if (reader.TokenType != JsonTokenType.StartObject)
                {
                    reader.Skip();
                    continue;
                }
                if (count < batch.Count) batch[count] = itemReader.Read(ref reader, json, batch[count]);
                else batch.Add(itemReader.Read(ref reader, json, default));
                count++;
            }
            batch.RemoveRange(count, batch.Count - count);
            _state = reader.CurrentState;
            _offset += (int)reader.BytesConsumed;
            return more;
        }
    }

    private Task<JToken> SendAsync(HttpMethod method, ClockifyApi api, string path, IEnumerable<KeyValuePair<string, string>>? query,
        CancellationToken cancellationToken)
    {
        var url = BuildUrl(api, path, query);
        var request = $"{method} {url.PathAndQuery}";
        return WithClearFailuresAsync(request, url, attempts => Timed(request, url, method, attempts, async (response, token) =>
        {
            using var body = await BodyAsync(response, token);
            try
            {
                return TapJson.Parse(body.Json.Span);
            }
            catch (Newtonsoft.Json.JsonReaderException broken)
            {
                throw NotJson(request, broken.Message);
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
            var started = Stopwatch.GetTimestamp();
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
                    throw ClockifyApiException.FromStatus(request, status.Value, ClockifyMessageOf(text), RetryAfterOf(response));
                }
                return await read(response, token);
            }
            finally
            {
                _observe?.Invoke(new RequestTiming(method.Method, EndpointOf(url), status, Stopwatch.GetElapsedTime(started)));
            }
        }, cancellationToken);

    /// <summary>
    /// The body as UTF-8 bytes, downloaded whole (a few MB at most) into a pooled buffer and read
    /// synchronously: pages of time entries come one after another, so their buffers are reused.
    /// </summary>
    private static async Task<PooledBody> BodyAsync(HttpResponseMessage response, CancellationToken token)
    {
        // One byte more than announced, so the read that finds the end needs no larger buffer.
        var size = response.Content.Headers.ContentLength is { } announced and < 1 << 28 ? (int)announced + 1 : 1 << 16;
        var buffer = BodyBuffers.Rent(size);
        var length = 0;
        try
        {
            await using var stream = await response.Content.ReadAsStreamAsync(token);
            while (true)
            {
                if (length == buffer.Length)
                {
                    var larger = BodyBuffers.Rent(buffer.Length * 2);
                    buffer.AsSpan(0, length).CopyTo(larger);
                    BodyBuffers.Return(buffer);
                    buffer = larger;
                }
                var read = await stream.ReadAsync(buffer.AsMemory(length), token);
                if (read == 0) return new PooledBody(buffer, length);
                length += read;
            }
        }
        catch
        {
            BodyBuffers.Return(buffer);
            throw;
        }
    }

    // Bounded, unlike the shared pool, which keeps buffers per core and per thread: a few MB each here.
    private static readonly ArrayPool<byte> BodyBuffers = ArrayPool<byte>.Create(maxArrayLength: 1 << 26, maxArraysPerBucket: 8);

    private sealed class PooledBody(byte[] buffer, int length) : IDisposable
    {
        // A byte order mark is not JSON; the rest is UTF-8 as Clockify sends it.
        public ReadOnlyMemory<byte> Json { get; } =
            buffer.AsSpan(0, length).StartsWith(Encoding.UTF8.Preamble) ? buffer.AsMemory(3, length - 3) : buffer.AsMemory(0, length);

        public void Dispose() => BodyBuffers.Return(buffer);
    }

    private static ClockifyApiException NotJson(string request, string problem) =>
        new(request, 200, $"{request} returned a body that is not complete JSON ({problem.TrimEnd('.')}): check api_url and reports_url", isTransient: true);

    /// <summary>Failures that outlived every attempt become one line naming the request and what to do.</summary>
    private async Task<T> WithClearFailuresAsync<T>(string request, Uri url, Func<StrongBox<int>, Task<T>> send)
    {
        var attempts = new StrongBox<int>();
        try
        {
            return await send(attempts);
        }
        catch (HttpRequestException unreachable)
        {
            throw new ClockifyApiException(request, null,
                $"{request} to {url.Authority}: no answer ({unreachable.Message}) after {Attempts(attempts)}; check region or api_url and the network", isTransient: true);
        }
        catch (Exception timeout) when (timeout is Polly.Timeout.TimeoutRejectedException or IOException)
        {
            throw new ClockifyApiException(request, null,
                $"{request} to {url.Authority}: {(timeout is IOException ? "connection dropped" : "timed out")} after {Attempts(attempts)}; raise request_timeout_seconds or try again later", isTransient: true);
        }
        catch (ClockifyApiException transient) when (transient.IsTransient && attempts.Value > 1)
        {
            throw new ClockifyApiException(request, transient.Status,
                $"{transient.Message} (gave up after {Attempts(attempts)}: max_attempts, max_retry_wait_seconds)", isTransient: true,
                clockifySaid: transient.ClockifySaid);
        }
    }

    private static string Attempts(StrongBox<int> attempts) => attempts.Value == 1 ? "1 attempt" : $"{attempts.Value} attempts";

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

    /// <summary>Clockify's own words from an error body <c>{"message": ..., "code": ...}</c>, if it has them.</summary>
    private static string? ClockifyMessageOf(string text)
    {
        try
        {
            return MessageOf(TapJson.Parse(text));
        }
        catch (Newtonsoft.Json.JsonReaderException)
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
