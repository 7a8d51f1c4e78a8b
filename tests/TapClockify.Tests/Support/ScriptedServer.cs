using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Newtonsoft.Json.Linq;
using TapClockify.Clockify;

namespace TapClockify.Tests.Support;

/// <summary>
/// A loopback server for client tests on exact bytes: answers each request with what <c>answer</c>
/// makes of its method, URL and JSON body, with one status; keeps what it was asked.
/// </summary>
public sealed class ScriptedServer : IDisposable
{
    private readonly HttpListener _listener = new();

    public ScriptedServer(Func<string, Uri, JObject?, string> answer, int status = 200)
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        Port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        _listener.Start();
        _ = Task.Run(async () =>
        {
            while (_listener.IsListening)
            {
                HttpListenerContext context;
                try { context = await _listener.GetContextAsync(); } catch { return; }
                var text = await new StreamReader(context.Request.InputStream).ReadToEndAsync();
                var body = text.Length > 0 ? JObject.Parse(text) : null;
                Requests.Enqueue((context.Request.HttpMethod, context.Request.Url!, body));
                var bytes = Encoding.UTF8.GetBytes(answer(context.Request.HttpMethod, context.Request.Url!, body));
                context.Response.StatusCode = status;
                context.Response.ContentType = "application/json";
                await context.Response.OutputStream.WriteAsync(bytes);
                context.Response.Close();
            }
        });
    }

    /// <summary>Serves one fixed body to every request.</summary>
    public static ScriptedServer Fixed(string body, int status = 200) => new((_, _, _) => body, status);

    public int Port { get; }
    public ConcurrentQueue<(string Method, Uri Url, JObject? Body)> Requests { get; } = new();

    /// <summary>A client of this server that tries once and is not held back by pacing.</summary>
    public ClockifyClient Client() => new(new ClockifyClientOptions
    {
        ApiKey = "secret-key",
        Hosts = ClockifyHosts.Resolve(null, $"http://127.0.0.1:{Port}/api/v1", $"http://127.0.0.1:{Port}/report/v1"),
        UserAgent = "test",
        MaxAttempts = 1,
        MaxRequestsPerSecond = 1000,
    }, TimeProvider.System);

    public void Dispose() => _listener.Close();
}
