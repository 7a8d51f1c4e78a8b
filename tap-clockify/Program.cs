using TapClockify;

return await Tap.RunAsync(args, Console.OpenStandardOutput(), Console.Error, TimeProvider.System, Environment.GetEnvironmentVariable);
