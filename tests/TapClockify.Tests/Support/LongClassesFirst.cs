using Xunit;
using Xunit.Abstractions;

[assembly: TestCollectionOrderer("TapClockify.Tests.Support.LongClassesFirst", "TapClockify.Tests")]

namespace TapClockify.Tests.Support;

/// <summary>
/// Starts the longest test classes first, so that the run ends on short ones with every core busy:
/// the packaging classes (the install tests alone take 12-16 s), then the end-to-end classes, then
/// the unit tests (milliseconds each). In xunit's default order the install tests began anywhere
/// from 1 to 13 s into the run, and when late they ran on alone after everything else had finished.
/// </summary>
public sealed class LongClassesFirst : ITestCollectionOrderer
{
    public IEnumerable<ITestCollection> OrderTestCollections(IEnumerable<ITestCollection> testCollections) =>
        testCollections.OrderBy(collection => collection.DisplayName switch
        {
            var name when name.Contains(".Packaging.", StringComparison.Ordinal) => 0,
            var name when name.Contains(".EndToEnd.", StringComparison.Ordinal) => 1,
            _ => 2,
        });
}
