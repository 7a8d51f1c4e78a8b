using System.Reflection;
using System.Text;
using CommandLine;
using CommandLine.Text;
using TapClockify.Clockify;
using TapClockify.Modes;
using TapClockify.Singer;
using TapClockify.Singer.Catalog;
using TapClockify.Singer.Cli;
using TapClockify.Singer.State;
using TapClockify.Singer.StreamMaps;
using TapClockify.Singer.Sync;
using TapClockify.Streams;

namespace TapClockify;

/// <summary>
/// The tap's one entry point. Program gives it the console, the system clock and the process
/// environment; tests call it in process with buffers, so nothing here may touch Console or
/// Environment, or keep state between runs. Every wait and every "now" of a run goes by the clock
/// given, so tests can move time on instead of sleeping.
/// </summary>
public static class Tap
{
    private static readonly UTF8Encoding Utf8WithoutMark = new(encoderShouldEmitUTF8Identifier: false);

    public static async Task<int> RunAsync(string[] args, Stream stdout, TextWriter stderr, TimeProvider clock,
        Func<string, string?> environment, CancellationToken cancellationToken = default)
    {
        // The text modes (help, about, discover, test) write lines; a sync writes Singer bytes to the stream itself.
        await using var text = new StreamWriter(stdout, Utf8WithoutMark, leaveOpen: true) { AutoFlush = true };
        var log = new TapLog(stderr, LogLevel.Info, clock);
        var parsed = new Parser(settings => { settings.HelpWriter = null; settings.CaseSensitive = true; })
            .ParseArguments<SingerArguments>(args);

        if (parsed is NotParsed<SingerArguments> notParsed)
        {
            if (notParsed.Errors.IsHelp() || notParsed.Errors.IsVersion())
            {
                text.WriteLine(notParsed.Errors.IsVersion() ? $"{TapSettings.TapName} {TapVersion.Current}" : HelpText.AutoBuild(parsed, help =>
                {
                    // The parser would name the entry assembly, which is the test host when tests run the tap in process.
                    help.Heading = $"{TapSettings.TapName} {TapVersion.Current}";
                    help.Copyright = new CopyrightInfo(typeof(Tap).Assembly.GetCustomAttribute<AssemblyCompanyAttribute>()!.Company, clock.GetLocalNow().Year);
                    return help;
                }, e => e));
                return 0;
            }
            var first = notParsed.Errors.First();
            log.Error($"{TapSettings.TapName}: {DescribeParseError(first)}; run {TapSettings.TapName} --help");
            return 2;
        }

        var arguments = ((Parsed<SingerArguments>)parsed).Value;
        if (arguments.Validate() is { } problem)
        {
            log.Error($"{TapSettings.TapName}: {problem}");
            return 2;
        }

        try
        {
            if (arguments.About)
            {
                AboutMode.OfThisTap.Write(arguments.Format, text);
                return 0;
            }

            var settings = TapSettings.Load(InputFiles.ReadJson("--config", arguments.Config!)!, arguments.Config!, environment);
            log.AddSecret(settings.ApiKey);
            log.Minimum = settings.LogLevel;
            log.AsJson = settings.LogAsJson;

            if (arguments.Test)
            {
                return await TestMode.RunAsync(settings, text, clock, cancellationToken) ? 0 : 1;
            }

            if (arguments.Discover)
            {
                DiscoverMode.Run(settings, text);
                return 0;
            }

            var catalogPath = arguments.Catalog ?? arguments.Properties;
            var selection = catalogPath is null
                ? SelectionMask.All(StreamRegistry.All)
                : SelectionMask.FromCatalog(Catalog.Parse(InputFiles.ReadJson(arguments.Catalog is null ? "--properties" : "--catalog", catalogPath)!, catalogPath), StreamRegistry.All, log.Warning);
            var state = arguments.State is null
                ? TapState.Empty()
                : TapState.Parse(InputFiles.ReadJson("--state", arguments.State, emptyIsNull: true), arguments.State);

            await SyncMode.RunAsync(settings, selection, state, stdout, log, clock, cancellationToken);
            return 0;
        }
        catch (Exception error) when (error is SingerInputException or WorkspaceAccessException or StreamSyncException or ClockifyApiException
            or FormatException or RecordValidationException or SkippedPartitionsException or StreamMapException)
        {
            log.Error($"{TapSettings.TapName}: {error.Message}");
            if (log.Minimum == LogLevel.Debug) log.Debug(error.ToString());
            return 1;
        }
        catch (StateFormatException error)
        {
            log.Error($"{TapSettings.TapName}: --state {arguments.State}: {error.Message}");
            return 1;
        }
        catch (Exception error)
        {
            log.Error($"{TapSettings.TapName}: unexpected {error.GetType().Name}: {error.Message} (set log_level to debug for the stack trace)");
            if (log.Minimum == LogLevel.Debug) log.Debug(error.ToString());
            return 1;
        }
    }

    private static string DescribeParseError(Error error) => error switch
    {
        UnknownOptionError unknown => $"unknown option --{unknown.Token}",
        MissingValueOptionError missing => $"--{missing.NameInfo.LongName} needs a value",
        BadFormatConversionError bad => $"--{bad.NameInfo.LongName} has a bad value",
        RepeatedOptionError repeated => $"--{repeated.NameInfo.LongName} is given twice",
        _ => error.Tag.ToString(),
    };
}
