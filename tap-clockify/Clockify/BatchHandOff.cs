namespace TapClockify.Clockify;

/// <summary>
/// Passes batches one at a time from the task that reads pages to the code that goes through them,
/// with no queue between: offering a batch runs the taker's code on the reader's own thread (its
/// continuation is not sent to another thread) until the taker asks for the next batch, and only then
/// does the reader go on. A batch is thus gone through by the core that just read it, from its
/// cache, and no thread wakes another for each batch.
/// </summary>
internal sealed class BatchHandOff<T> where T : class
{
    // Completed by the reader with the next batch, null once there are no more, or the reader's
    // failure; replaced by the taker each time it asks for a batch. Continuations run where it is completed.
    private TaskCompletionSource<T?> _offered = new();
    // Completed by the taker when it asks for the batch after the one offered; replaced by the reader with each offer.
    private TaskCompletionSource _taken = new();
    private bool _hasTaken;

    /// <summary>
    /// The reader's side: offers <paramref name="batch"/> and completes once the taker has asked for
    /// the next one, which it usually has by the time this returns. <paramref name="token"/> stops the wait.
    /// </summary>
    public Task OfferAsync(T batch, CancellationToken token)
    {
        var taken = new TaskCompletionSource();
        _taken = taken;
        _offered.SetResult(batch);
        return taken.Task.IsCompleted ? Task.CompletedTask : taken.Task.WaitAsync(token);
    }

    /// <summary>The reader's side, after the last batch was taken: no more (null), or why not.</summary>
    public void Finish(Exception? failure)
    {
        if (failure is null) _offered.TrySetResult(null);
        else _offered.TrySetException(failure);
    }

    /// <summary>
    /// The taker's side: the next batch, null when there are no more; the batch before it is done
    /// with. Throws the reader's failure, or when <paramref name="token"/> is cancelled.
    /// </summary>
    public Task<T?> NextAsync(CancellationToken token)
    {
        token.ThrowIfCancellationRequested();
        var offered = _offered;
        if (_hasTaken)
        {
            // A fresh promise before the reader is let go: it offers the next batch on it, maybe at once, on this thread.
            offered = _offered = new TaskCompletionSource<T?>();
            _taken.SetResult();
        }
        _hasTaken = true;
        return offered.Task.IsCompleted ? offered.Task : offered.Task.WaitAsync(token);
    }
}
