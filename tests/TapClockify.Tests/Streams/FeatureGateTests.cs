using Newtonsoft.Json.Linq;
using TapClockify.Streams;
using Xunit;

namespace TapClockify.Tests.Streams;

public class FeatureGateTests
{
    private sealed class InvoicingStream : ClockifyStream
    {
        public override string Name => "gated";
        public override string Path => "workspaces/{workspaceId}/invoices";
        public override string RequiredFeature => "INVOICING";
    }

    private static JObject Workspace(string id, params string[] features) => new() { ["id"] = id, ["features"] = new JArray(features) };

    [Fact]
    public void A_workspace_without_the_feature_is_refused_with_one_warning_naming_workspace_stream_and_feature()
    {
        var warnings = new List<string>();
        var gate = new FeatureGate(warnings.Add);
        gate.Learn(Workspace("w-standard", "INVOICING", "TIME_OFF"));
        gate.Learn(Workspace("w-free", "ADD_TIME_FOR_OTHERS"));

        Assert.True(gate.Allows(new InvoicingStream(), new PartitionContext("w-standard"), ["gated"]));
        Assert.False(gate.Allows(new InvoicingStream(), new PartitionContext("w-free"), ["gated"]));

        var warning = Assert.Single(warnings);
        Assert.Contains("w-free", warning);
        Assert.Contains("gated", warning);
        Assert.Contains("INVOICING", warning);
    }

    [Fact]
    public void A_workspace_that_lists_no_features_is_asked_anyway()
    {
        var gate = new FeatureGate(_ => Assert.Fail("no warning expected"));
        gate.Learn(new JObject { ["id"] = "w-old" });

        Assert.True(gate.Allows(new InvoicingStream(), new PartitionContext("w-old"), ["gated"]));
        Assert.Null(FeatureGate.Missing(new InvoicingStream(), []));
    }

    [Fact]
    public void Features_are_read_from_the_live_list_and_from_the_documents_object()
    {
        Assert.Null(FeatureGate.Missing(new InvoicingStream(), TapClockify.Streams.Embedded.WorkspaceFeatures.Of(Workspace("w", "INVOICING"))));
        var documented = new JObject { ["id"] = "w", ["features"] = new JObject { ["INVOICING"] = false, ["EXPENSES"] = true } };
        Assert.Equal("INVOICING", FeatureGate.Missing(new InvoicingStream(), TapClockify.Streams.Embedded.WorkspaceFeatures.Of(documented)));
    }
}
