using Newtonsoft.Json.Linq;

namespace TapClockify.Singer.Sync;

public enum ReplicationMethod { FullTable, Incremental }

/// <summary>What the Singer side needs to know of a stream to discover it and write its messages.</summary>
public interface ITapStream
{
    string Name { get; }
    JObject Schema { get; }
    /// <summary>The schema's columns as the stream's rows hold them.</summary>
    RowLayout Layout { get; }
    IReadOnlyList<string> KeyProperties { get; }
    ReplicationMethod Replication { get; }
    /// <summary>Null for full-table streams.</summary>
    string? ReplicationKey { get; }
    /// <summary>The stream whose objects this one is cut from or partitioned by; null for roots.</summary>
    string? ParentName { get; }
    /// <summary>False for streams a catalog must ask for, such as those costing a request per user.</summary>
    bool IsSelectedByDefault { get; }
}
