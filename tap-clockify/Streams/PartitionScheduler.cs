using System.Runtime.ExceptionServices;

namespace TapClockify.Streams;

/// <summary>
/// Lets independent partitions (workspaces, their streams, projects' tasks, users' time entries)
/// read from the API at the same time, at most <c>max_concurrency</c> at once, so slow responses
/// do not leave the allowed request rate idle. The shared rate limiter still paces every request.
/// </summary>
public sealed class PartitionScheduler(int maxConcurrency)
{
    // Never disposed: a SemaphoreSlim holds no OS handle unless its AvailableWaitHandle is used.
    private readonly SemaphoreSlim _slots = new(maxConcurrency, maxConcurrency);

    /// <summary>
    /// Runs work holding one slot. A partition gives its slot back before its children start, so
    /// parents waiting on children never starve them.
    /// </summary>
    public async Task<T> InSlotAsync<T>(Func<Task<T>> work, CancellationToken cancellationToken)
    {
        await _slots.WaitAsync(cancellationToken);
        try
        {
            return await work();
        }
        finally
        {
            _slots.Release();
        }
    }

    /// <summary>
    /// Runs work in a slot if one is free now and no partition waits for it, else returns null: for
    /// reading ahead within a partition with slots the others left idle, without keeping any waiting.
    /// </summary>
    public Task? TryInIdleSlot(Func<Task> work)
    {
        if (!_slots.Wait(0)) return null;
        return RunThenGiveBackAsync(work);
    }

    private async Task RunThenGiveBackAsync(Func<Task> work)
    {
        try
        {
            await Task.Run(work);
        }
        finally
        {
            _slots.Release();
        }
    }

    /// <summary>
    /// Runs every piece of work concurrently; the first failure cancels the rest and is the one
    /// rethrown (not the cancellations it caused).
    /// </summary>
    public static async Task AllAsync(IEnumerable<Func<CancellationToken, Task>> work, CancellationToken cancellationToken)
    {
        using var cancelRest = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var tasks = work.Select(async piece =>
        {
            try
            {
                await piece(cancelRest.Token);
            }
            catch (Exception error) when (error is not OperationCanceledException)
            {
                await cancelRest.CancelAsync();
                throw;
            }
        }).ToList();
        try
        {
            await Task.WhenAll(tasks);
        }
        catch
        {
            var failure = tasks.Where(t => t.IsFaulted).Select(t => t.Exception!.InnerException!).FirstOrDefault(e => e is not OperationCanceledException);
            if (failure is not null) ExceptionDispatchInfo.Throw(failure);
            throw;
        }
    }
}
