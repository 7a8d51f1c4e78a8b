using Xunit;
using Xunit.Abstractions;

[assembly: TestCollectionOrderer("TapClockify.Tests.Support.LongClassesFirst", "TapClockify.Tests")]

namespace TapClockify.Tests.Support;

/// <summary>
/// Starts the longest test classes first, so that the last to finish are short ones: the packaging
/// classes (which mostly wait on pip, tar and the installed tap, leaving the cores to the others),
/// then the end-to-end classes, then the unit tests. In the default order the install tests
/// (12-16 s on their own) started a third of the way into the run and finished last.
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
