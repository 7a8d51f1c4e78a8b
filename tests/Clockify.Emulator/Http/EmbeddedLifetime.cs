using Microsoft.Extensions.Hosting;

namespace Clockify.Emulator;

/// <summary>
/// Replaces the console lifetime, which would otherwise swallow Ctrl+C and SIGTERM for the whole
/// process (a test runner's included); whoever starts the emulator decides when it stops.
/// </summary>
internal sealed class EmbeddedLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
