using Newtonsoft.Json;
using TapClockify.Singer.Catalog;
using TapClockify.Streams;

namespace TapClockify.Modes;

/// <summary>--discover: the catalog of every stream, written to stdout.</summary>
public static class DiscoverMode
{
    public static void Run(TapSettings settings, TextWriter output)
    {
        // As Meltano SDK taps do: the catalog lists the tap's own streams, the sources that maps
        // read (a catalog of mapped names could not select them), and a bad map fails here too.
        settings.StreamMaps.Plan(StreamRegistry.All, SelectionMask.All(StreamRegistry.All));
        output.Write(Catalog.Discover(StreamRegistry.All).ToJson().ToString(Formatting.Indented) + "\n");
    }
}
