namespace TapClockify.Clockify.Paging;

/// <summary>
/// Page-number paging of Clockify's list endpoints: pages count from 1, and a response's
/// "Last-Page" header says whether another follows (official document, "Pagination"). Where the
/// header is missing, a page shorter than asked for is the last; an empty page always is.
/// </summary>
public sealed class PageNumberPaging
{
    private string? _previousFirstId;

    public PageNumberPaging(int pageSize, int firstPage = 1)
    {
        PageSize = pageSize;
        Page = firstPage;
    }

    public int Page { get; private set; }
    public int PageSize { get; }
    public bool HasMorePages { get; private set; } = true;

    /// <summary>Moves past a page that held <paramref name="count"/> items.</summary>
    /// <param name="lastPageHeader">The Last-Page header's value, null when absent.</param>
    /// <param name="firstId">Id of the page's first item, to catch a server that ignores the page number.</param>
    public void Advance(int count, string? lastPageHeader, string? firstId)
    {
        if (count > 0 && firstId is not null && firstId == _previousFirstId)
            throw new InvalidOperationException($"page {Page} repeated the previous page (first id {firstId}); the API ignored the page number");
        _previousFirstId = firstId;

        HasMorePages = count > 0 && (lastPageHeader?.Trim().ToLowerInvariant() switch
        {
            "true" => false,
            "false" => true,
            _ => count >= PageSize,
        });
        Page++;
    }
}
