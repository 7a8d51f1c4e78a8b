using Microsoft.AspNetCore.Http;

namespace Clockify.Emulator;

/// <summary>
/// 1-based <c>page</c> / <c>page-size</c> paging of the main API's list endpoints (NOTES §4):
/// page defaults to 1, page-size to 50; page-size above 5000 is clamped to 5000, the maximum
/// Clockify support quotes; page-size below 1 is a 400 (spec: minimum 1). A page number below 1
/// is read as page 1.
/// </summary>
internal readonly record struct Paging(int Page, int PageSize)
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 5000;

    public static Paging From(HttpContext context)
    {
        var page = Query.Int(context, "page") ?? 1;
        var size = Query.Int(context, "page-size") ?? DefaultPageSize;
        if (size < 1) throw ApiException.BadRequest("page-size must be greater than or equal to 1");
        return new Paging(Math.Max(page, 1), Math.Min(size, MaxPageSize));
    }

    public long Offset => (long)(Page - 1) * PageSize;

    /// <summary>The items of this page and whether it is the last one (the <c>Last-Page</c> header).</summary>
    public (List<T> Items, bool IsLastPage) Apply<T>(IReadOnlyList<T> all)
    {
        var items = all.Skip((int)Math.Min(Offset, int.MaxValue)).Take(PageSize).ToList();
        return (items, Offset + PageSize >= all.Count);
    }
}
