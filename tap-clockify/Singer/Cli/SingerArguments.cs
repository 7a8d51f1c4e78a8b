using CommandLine;

namespace TapClockify.Singer.Cli;

/// <summary>The flags of a Singer tap, as parsed; nothing past the parser sees raw flags.</summary>
public sealed class SingerArguments
{
    [Option("config", HelpText = "Config JSON file (required except with --about).")]
    public string? Config { get; set; }

    [Option("discover", HelpText = "Write the catalog of every stream to stdout.")]
    public bool Discover { get; set; }

    [Option("catalog", HelpText = "Catalog JSON file whose selected streams and properties to sync.")]
    public string? Catalog { get; set; }

    [Option("properties", HelpText = "Older name of --catalog.")]
    public string? Properties { get; set; }

    [Option("state", HelpText = "State JSON file to resume from (the last STATE message's value).")]
    public string? State { get; set; }

    [Option("test", HelpText = "Check the key and each workspace (rights, streams, report, entity changes); exit 0 only when a sync could run.")]
    public bool Test { get; set; }

    [Option("about", HelpText = "Describe the tap: its settings and capabilities.")]
    public bool About { get; set; }

    [Option("format", HelpText = "Format of --about: json or markdown.")]
    public string? Format { get; set; }

    /// <summary>One sentence naming the flag at fault, or null when the flags make sense together.</summary>
    public string? Validate()
    {
        if (Catalog is not null && Properties is not null) return "give --catalog or --properties, not both";
        if (Format is not null && !About) return "--format goes with --about";
        if (Format is not null && Format is not ("json" or "markdown")) return $"--format \"{Format}\" is not json or markdown";
        if (About) return null;
        if (Config is null) return "--config is required: give the path of a config JSON file (see config.example.json)";
        if (Discover && (Catalog ?? Properties) is not null) return "--discover writes a catalog; it takes no --catalog";
        if (Test && Discover) return "give --test or --discover, not both";
        return null;
    }
}
