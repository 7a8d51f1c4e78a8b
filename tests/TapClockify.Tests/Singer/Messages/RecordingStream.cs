using System.Text;

namespace TapClockify.Tests.Singer.Messages;

/// <summary>A stream that keeps what was written and how much of it had been written at each flush.</summary>
internal sealed class RecordingStream : MemoryStream
{
    public List<long> LengthsAtFlush { get; } = [];

    public override void Flush()
    {
        LengthsAtFlush.Add(Length);
        base.Flush();
    }

    public string Text => Encoding.UTF8.GetString(ToArray());
}
