namespace TapClockify.Clockify.Paging;

/// <summary>How an endpoint names its paging query parameters and numbers its first page.</summary>
/// <param name="EndsOnShortPage">
/// False where the largest page size is unknown and no Last-Page header is sent: a silently capped
/// page would look short, so only an empty page ends the list.
/// </param>
public sealed record PageParameters(string Page, string Size, int FirstPage, bool EndsOnShortPage)
{
    /// <summary>Most list endpoints: page (from 1) and page-size, up to 5000.</summary>
    public static readonly PageParameters Standard = new("page", "page-size", 1, EndsOnShortPage: true);

    /// <summary>The entity-changes endpoints: page from 0 and limit (official document), maximum undocumented.</summary>
    public static readonly PageParameters ZeroBasedLimit = new("page", "limit", 0, EndsOnShortPage: false);
}

/// <summary>
/// Page-number paging of Clockify's list endpoints: pages count from 1, and a response's
/// "Last-Page" header says whether another follows (official document, "Pagination"). Where the
/// header is missing, a wrapped answer's total says when every item was read; without either, a
/// page shorter than asked for is the last. An empty page always is.
/// </summary>
public sealed class PageNumberPaging
{
    private string? _previousFirstId;
    private long _itemsRead;

    private readonly bool _endsOnShortPage;

    public PageNumberPaging(int pageSize, int firstPage = 1, bool endsOnShortPage = true)
    {
        PageSize = pageSize;
        Page = firstPage;
        _endsOnShortPage = endsOnShortPage;
    }

    public int Page { get; private set; }
    public int PageSize { get; }
    public bool HasMorePages { get; private set; } = true;

    /// <summary>Moves past a page that held <paramref name="count"/> items.</summary>
    /// <param name="lastPageHeader">The Last-Page header's value, null when absent.</param>
    /// <param name="firstId">Id of the page's first item, to catch a server that ignores the page number.</param>
    /// <param name="total">The list's length where the answer gives it (such as {"count": 120, "categories": [...]}).</param>
    public void Advance(int count, string? lastPageHeader, string? firstId, long? total = null)
    {
        if (count > 0 && firstId is not null && firstId == _previousFirstId)
            throw new InvalidOperationException($"page {Page} repeated the previous page (first id {firstId}); the API ignored the page number");
        _previousFirstId = firstId;
        _itemsRead += count;

        HasMorePages = count > 0 && (lastPageHeader?.Trim().ToLowerInvariant() switch
        {
            "true" => false,
            "false" => true,
            // A total outranks the page's length: a page silently capped below the size asked for is not the last.
            _ when total is { } length => _itemsRead < length,
            _ => count >= PageSize || !_endsOnShortPage,
        });
        Page++;
    }
}
