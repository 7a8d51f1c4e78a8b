using Newtonsoft.Json.Linq;

namespace Clockify.Emulator;

/// <summary>When an entity was created and last updated (the entity-changes <c>auditMetadata</c>, NOTES §7).</summary>
public sealed record AuditStamp(string Type, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

/// <summary>A deleted entity as the /entities/deleted endpoint reports it.</summary>
public sealed record DeletedEntity(string Type, string Id, DateTimeOffset CreatedAt, DateTimeOffset DeletedAt, JObject Document);

/// <summary>Audit times of a workspace's entities plus its deletion bin; feeds the entity-changes endpoints.</summary>
public sealed class ChangeLog
{
    private readonly Dictionary<string, AuditStamp> stamps = [];
    private readonly List<DeletedEntity> deleted = [];

    public IReadOnlyDictionary<string, AuditStamp> Stamps => stamps;
    public IReadOnlyList<DeletedEntity> Deleted => deleted;

    /// <summary>Grows with every recorded change; lets the report cache notice mutations.</summary>
    internal long Version { get; private set; }

    public AuditStamp? Find(string id) => stamps.GetValueOrDefault(id);

    internal void Created(string type, string id, DateTimeOffset at)
    {
        stamps[id] = new AuditStamp(type, at, at);
        Version++;
    }

    internal void Updated(string type, string id, DateTimeOffset at)
    {
        stamps[id] = stamps.TryGetValue(id, out var stamp) ? stamp with { UpdatedAt = at } : new AuditStamp(type, at, at);
        Version++;
    }

    internal void Removed(string type, string id, DateTimeOffset at, JObject document)
    {
        var stamp = stamps.Remove(id, out var known) ? known : new AuditStamp(type, at, at);
        document["auditMetadata"] = new JObject
        {
            ["createdAt"] = Timestamps.Format(stamp.CreatedAt),
            ["updatedAt"] = Timestamps.Format(stamp.UpdatedAt),
        };
        deleted.Add(new DeletedEntity(type, id, stamp.CreatedAt, at, document));
        Version++;
    }
}
