using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Clockify.Emulator;

/// <summary>
/// An in-process HTTP emulator of the Clockify REST API (main API under <see cref="ApiUrl"/>,
/// reports API under <see cref="ReportsUrl"/>), serving an <see cref="EmulatorDataset"/> with the
/// live API's shapes and quirks documented in the project's Clockify research notes.
/// </summary>
public sealed class ClockifyEmulator : IAsyncDisposable
{
    private readonly WebApplication app;

    private ClockifyEmulator(WebApplication app, string baseUrl, EmulatorDataset dataset, EmulatorOptions options, RequestLog requests)
    {
        this.app = app;
        BaseUrl = baseUrl;
        Data = dataset;
        Options = options;
        Requests = requests;
    }

    /// <summary>"http://127.0.0.1:PORT".</summary>
    public string BaseUrl { get; }

    /// <summary>Main API root, like https://api.clockify.me/api/v1.</summary>
    public string ApiUrl => BaseUrl + "/api/v1";

    /// <summary>Reports API root, like the regional https://{prefix}.clockify.me/report/v1.</summary>
    public string ReportsUrl => BaseUrl + "/report/v1";

    public EmulatorDataset Data { get; }

    /// <summary>Limits and faults; change them at run time.</summary>
    public EmulatorOptions Options { get; }

    /// <summary>Every request served.</summary>
    public RequestLog Requests { get; }

    /// <summary>Starts Kestrel on 127.0.0.1; <paramref name="port"/> 0 picks a free port.</summary>
    public static async Task<ClockifyEmulator> StartAsync(EmulatorDataset dataset, EmulatorOptions? options = null, int port = 0)
    {
        options ??= new EmulatorOptions();
        var requests = new RequestLog();
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddSingleton<Microsoft.Extensions.Hosting.IHostLifetime, EmbeddedLifetime>();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, port));
        var app = builder.Build();

        app.Use((context, next) => RequestRecording.Invoke(context, next, requests));
        var faults = new Faults(options);
        app.Use((context, next) => faults.Invoke(context, next));
        app.Use((context, next) => ApiKeyCheck.Invoke(context, () => next(context), dataset));
        UserEndpoints.Map(app, dataset);
        WorkspaceEndpoints.Map(app, dataset);
        CatalogEndpoints.Map(app, dataset);
        UserListEndpoint.Map(app, dataset);
        TimeEntryEndpoints.Map(app, dataset);
        DetailedReportEndpoint.Map(app, dataset, options);
        EntityChangesEndpoints.Map(app, dataset, options);
        ExpenseEndpoints.Map(app, dataset);
        InvoiceEndpoints.Map(app, dataset);
        ApprovalEndpoints.Map(app, dataset);
        TimeOffEndpoints.Map(app, dataset);
        MemberProfileEndpoint.Map(app, dataset);
        SchedulingEndpoint.Map(app, dataset);
        app.MapFallback((HttpContext context) => Responder.WriteError(context, 404, "Not found", 404));

        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var boundPort = new Uri(address).Port;
        return new ClockifyEmulator(app, $"http://127.0.0.1:{boundPort}", dataset, options, requests);
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
