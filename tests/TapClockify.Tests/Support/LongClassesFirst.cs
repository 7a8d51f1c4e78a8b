using Xunit;
using Xunit.Abstractions;

[assembly: TestCollectionOrderer("TapClockify.Tests.Support.LongClassesFirst", "TapClockify.Tests")]

namespace TapClockify.Tests.Support;

/// <summary>
/// Starts the longest test classes first, so that the run ends on short ones with every core busy:
/// the packaging classes (the install tests alone take 12-16 s), then the end-to-end classes, then
/// the unit tests (milliseconds each). In xunit's default order the install tests began anywhere
/// from 1 to 13 s into the run, and when late they ran on alone after everything else had finished.
/// Among the end-to-end classes, those with more tests go first: a class's tests run one after
/// another, so its length grows with their number (CommandLineTests, 18 tests, began last and ran on alone for 1.4 s).
/// </summary>
public sealed class LongClassesFirst : ITestCollectionOrderer
{
    public IEnumerable<ITestCollection> OrderTestCollections(IEnumerable<ITestCollection> testCollections) =>
        testCollections
            .OrderBy(collection => collection.DisplayName switch
            {
                var name when name.Contains(".Packaging.", StringComparison.Ordinal) => 0,
                var name when name.Contains(EndToEnd, StringComparison.Ordinal) => 1,
                _ => 2,
            })
            .ThenByDescending(collection => collection.DisplayName.Contains(EndToEnd, StringComparison.Ordinal) ? TestMethodCount(collection) : 0);

    private const string EndToEnd = ".EndToEnd.";

    /// <summary>The [Fact] and [Theory] methods of the class a collection is named after (xunit names a class's own collection "Test collection for" it).</summary>
    private static int TestMethodCount(ITestCollection collection)
    {
        var className = collection.DisplayName[(collection.DisplayName.LastIndexOf(' ') + 1)..];
        var type = typeof(LongClassesFirst).Assembly.GetType(className);
        return type?.GetMethods().Count(method => method.IsDefined(typeof(FactAttribute), inherit: true)) ?? 0;
    }
}
