using System.Globalization;
using System.Runtime.InteropServices;

namespace TapClockify.Bench;

/// <summary>
/// Samples a child process from /proc (Linux) on its own thread: peak resident memory (the
/// kernel's high-water mark VmHWM, and the largest VmRSS seen), CPU time (utime + stime) and
/// thread count. The last sample is at most one interval before the process ends, and VmHWM is
/// monotonic, so the peak misses at most growth in the final interval.
/// </summary>
public sealed class ProcessMonitor : IDisposable
{
    private readonly int pid;
    private readonly TimeSpan interval;
    private readonly Thread thread;
    private readonly double ticksPerSecond;
    private volatile bool stopping;

    public ProcessMonitor(int pid, TimeSpan interval)
    {
        this.pid = pid;
        this.interval = interval;
        ticksPerSecond = ClockTicksPerSecond();
        thread = new Thread(Run) { IsBackground = true, Name = "tap monitor", Priority = ThreadPriority.AboveNormal };
        thread.Start();
    }

    public bool Supported => OperatingSystem.IsLinux();
    public long PeakHwmKiB { get; private set; }
    public long PeakRssKiB { get; private set; }
    public int PeakThreads { get; private set; }
    public TimeSpan LastCpu { get; private set; }

    /// <summary>CPU of the process's threads by name at the last per-thread sample (every 10th); threads ended by then are missing.</summary>
    public Dictionary<string, TimeSpan> ThreadsByName { get; private set; } = [];
    public int Samples { get; private set; }

    /// <summary>Peak resident memory in bytes: the larger of the last VmHWM and the largest VmRSS seen.</summary>
    public long PeakResidentBytes => Math.Max(PeakHwmKiB, PeakRssKiB) * 1024;

    public void Stop()
    {
        stopping = true;
        thread.Join();
    }

    public void Dispose() => Stop();

    private void Run()
    {
        if (!Supported) return;
        while (!stopping)
        {
            if (!Sample()) return;
            Thread.Sleep(interval);
        }
    }

    /// <summary>False once the process is gone.</summary>
    private bool Sample()
    {
        string status, stat;
        try
        {
            status = File.ReadAllText($"/proc/{pid}/status");
            stat = File.ReadAllText($"/proc/{pid}/stat");
        }
        catch (IOException)
        {
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }

        // A zombie has released its memory and shows no Vm lines: keep the figures already read.
        var hwm = StatusValue(status, "VmHWM:");
        var rss = StatusValue(status, "VmRSS:");
        var threads = StatusValue(status, "Threads:");
        if (hwm > PeakHwmKiB) PeakHwmKiB = hwm;
        if (rss > PeakRssKiB) PeakRssKiB = rss;
        if (threads > PeakThreads) PeakThreads = (int)threads;

        if (CpuOfStatLine(stat, ticksPerSecond) is { } cpu && cpu > LastCpu) LastCpu = cpu;
        if (Samples % 10 == 0 && ThreadsCpu.ByName($"/proc/{pid}/task") is { Count: > 0 } byName) ThreadsByName = byName;
        Samples++;
        return true;
    }

    /// <summary>utime + stime of a /proc stat line, or null.</summary>
    internal static TimeSpan? CpuOfStatLine(string stat, double ticksPerSecond)
    {
        // Fields after "(comm)": state is field 3, utime field 14, stime field 15.
        var afterComm = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return afterComm.Length > 12 &&
            long.TryParse(afterComm[11], NumberStyles.None, CultureInfo.InvariantCulture, out var utime) &&
            long.TryParse(afterComm[12], NumberStyles.None, CultureInfo.InvariantCulture, out var stime)
            ? TimeSpan.FromSeconds((utime + stime) / ticksPerSecond)
            : null;
    }

    private static long StatusValue(string status, string key)
    {
        var at = status.IndexOf(key, StringComparison.Ordinal);
        if (at < 0) return 0;
        var start = at + key.Length;
        var end = status.IndexOf('\n', start);
        var text = (end < 0 ? status[start..] : status[start..end]).Trim();
        var space = text.IndexOf(' ');
        if (space >= 0) text = text[..space];
        return long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : 0;
    }

    internal static double ClockTicksPerSecond()
    {
        if (!OperatingSystem.IsLinux()) return 100;
        try
        {
            var ticks = sysconf(SC_CLK_TCK);
            return ticks > 0 ? ticks : 100;
        }
        catch (DllNotFoundException)
        {
            return 100;
        }
        catch (EntryPointNotFoundException)
        {
            return 100;
        }
    }

    private const int SC_CLK_TCK = 2;

    [DllImport("libc", SetLastError = true)]
    private static extern long sysconf(int name);
}

/// <summary>CPU time of the calling thread, from /proc/thread-self/stat (Linux).</summary>
public static class ThreadCpu
{
    public static TimeSpan? Current()
    {
        if (!OperatingSystem.IsLinux()) return null;
        try
        {
            return ProcessMonitor.CpuOfStatLine(File.ReadAllText("/proc/thread-self/stat"), ProcessMonitor.ClockTicksPerSecond());
        }
        catch (IOException)
        {
            return null;
        }
    }
}

/// <summary>CPU time of this process's live threads, summed by thread name (Linux names .NET's own threads).</summary>
public static class ThreadsCpu
{
    public static Dictionary<string, TimeSpan> ByName(string tasksFolder = "/proc/self/task")
    {
        var byName = new Dictionary<string, TimeSpan>();
        if (!OperatingSystem.IsLinux()) return byName;
        var ticks = ProcessMonitor.ClockTicksPerSecond();
        IEnumerable<string> tasks;
        try
        {
            tasks = Directory.GetDirectories(tasksFolder);
        }
        catch (IOException)
        {
            return byName;
        }
        foreach (var task in tasks)
        {
            try
            {
                var stat = File.ReadAllText(Path.Combine(task, "stat"));
                var open = stat.IndexOf('(');
                var close = stat.LastIndexOf(')');
                var name = stat[(open + 1)..close];
                if (ProcessMonitor.CpuOfStatLine(stat, ticks) is { } cpu) byName[name] = byName.GetValueOrDefault(name) + cpu;
            }
            catch (IOException)
            {
                // The thread ended meanwhile.
            }
        }
        return byName;
    }

    /// <summary>Growth of each name's CPU between two snapshots, largest first.</summary>
    public static List<(string Name, TimeSpan Cpu)> Difference(Dictionary<string, TimeSpan> before, Dictionary<string, TimeSpan> after) =>
        after.Select(p => (p.Key, p.Value - before.GetValueOrDefault(p.Key)))
            .Where(p => p.Item2 > TimeSpan.Zero)
            .OrderByDescending(p => p.Item2)
            .ToList();
}

/// <summary>
/// getrusage(RUSAGE_CHILDREN): CPU time of every child this process has waited for. Read before
/// and after the tap, the difference is the tap's exact CPU time (nothing else is reaped then).
/// </summary>
public readonly record struct ChildrenUsage(TimeSpan Cpu)
{
    public static ChildrenUsage? Read()
    {
        if (!OperatingSystem.IsLinux()) return null;
        try
        {
            if (getrusage(RUSAGE_CHILDREN, out var usage) != 0) return null;
            var micros = (usage.UtimeSec + usage.StimeSec) * 1_000_000 + usage.UtimeUsec + usage.StimeUsec;
            return new ChildrenUsage(TimeSpan.FromMicroseconds(micros));
        }
        catch (DllNotFoundException)
        {
            return null;
        }
        catch (EntryPointNotFoundException)
        {
            return null;
        }
    }

    private const int RUSAGE_CHILDREN = -1;

    [StructLayout(LayoutKind.Sequential)]
    private struct RUsage
    {
        public long UtimeSec, UtimeUsec, StimeSec, StimeUsec;
        public long MaxRss, IxRss, IdRss, IsRss, MinFlt, MajFlt, NSwap, InBlock, OuBlock, MsgSnd, MsgRcv, NSignals, NvCsw, NivCsw;
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int getrusage(int who, out RUsage usage);
}

/// <summary>CPU time the whole machine spent busy (all processes, all cores), from /proc/stat.</summary>
public static class MachineCpu
{
    public static TimeSpan? Busy()
    {
        if (!OperatingSystem.IsLinux()) return null;
        try
        {
            using var reader = new StreamReader("/proc/stat");
            var fields = reader.ReadLine()!.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            // cpu user nice system idle iowait irq softirq steal ...
            long busy = 0;
            for (var i = 1; i < Math.Min(fields.Length, 9); i++)
            {
                if (i is 4 or 5) continue;
                busy += long.Parse(fields[i], CultureInfo.InvariantCulture);
            }
            return TimeSpan.FromSeconds(busy / ProcessMonitor.ClockTicksPerSecond());
        }
        catch (IOException)
        {
            return null;
        }
    }
}
