namespace TapClockify.Singer;

/// <summary>A file or flag the user gave is unusable; the message says which and what to do.</summary>
public sealed class SingerInputException(string message) : Exception(message);
