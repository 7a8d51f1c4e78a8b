namespace Clockify.Emulator;

/// <summary>A clock that reads <c>anchor</c> at construction and then advances with real time, so
/// a dataset laid out around a fixed "now" keeps a moving clock for mutation timestamps.</summary>
internal sealed class AnchoredTimeProvider(DateTimeOffset anchor) : TimeProvider
{
    private readonly long startTimestamp = System.GetTimestamp();

    public override DateTimeOffset GetUtcNow() => anchor + System.GetElapsedTime(startTimestamp);
}
