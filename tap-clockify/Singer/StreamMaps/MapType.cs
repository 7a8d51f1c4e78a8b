using Newtonsoft.Json.Linq;

namespace TapClockify.Singer.StreamMaps;

/// <summary>What an expression may give, known before any record is read: one flag per JSON type.</summary>
[Flags]
public enum MapType
{
    Never = 0,
    Null = 1,
    Boolean = 2,
    Integer = 4,
    Float = 8,
    String = 16,
    Array = 32,
    Object = 64,
    Numeric = Boolean | Integer | Float,
    Any = Null | Boolean | Integer | Float | String | Array | Object,
}

public static class MapTypes
{
    private static readonly MapType[] Single =
        [MapType.Null, MapType.Boolean, MapType.Integer, MapType.Float, MapType.String, MapType.Array, MapType.Object];

    /// <summary>Each JSON type the flags allow.</summary>
    public static IEnumerable<MapType> Each(this MapType type) => Single.Where(t => (type & t) != 0);

    /// <summary>The flags a property's JSON Schema allows; any type when it declares none.</summary>
    public static MapType OfSchema(JObject schema)
    {
        var names = schema["type"] switch
        {
            JArray list => list.Select(t => t.ToString()).ToArray(),
            JValue single => [single.ToString()],
            _ => [],
        };
        if (names.Length == 0) return MapType.Any;
        var type = MapType.Never;
        foreach (var name in names)
        {
            type |= name switch
            {
                "null" => MapType.Null,
                "boolean" => MapType.Boolean,
                "integer" => MapType.Integer,
                "number" => MapType.Integer | MapType.Float,
                "string" => MapType.String,
                "array" => MapType.Array,
                "object" => MapType.Object,
                _ => MapType.Any,
            };
        }
        return type;
    }

    /// <summary>The JSON Schema of a computed property; always nullable, since a null input gives null.</summary>
    public static JObject ToSchema(this MapType type)
    {
        var names = new List<string>();
        if ((type & MapType.String) != 0) names.Add("string");
        if ((type & MapType.Float) != 0) names.Add("number");
        else if ((type & MapType.Integer) != 0) names.Add("integer");
        if ((type & MapType.Boolean) != 0) names.Add("boolean");
        if ((type & MapType.Array) != 0) names.Add("array");
        if ((type & MapType.Object) != 0) names.Add("object");
        names.Add("null");
        return new JObject { ["type"] = new JArray(names) };
    }

    /// <summary>Python's names for the types, for messages: "str or int".</summary>
    public static string Describe(this MapType type) => type == MapType.Any
        ? "any type"
        : string.Join(" or ", type.Each().Select(t => t switch
        {
            MapType.Null => "None",
            MapType.Boolean => "bool",
            MapType.Integer => "int",
            MapType.Float => "float",
            MapType.String => "str",
            MapType.Array => "list",
            _ => "dict",
        }));
}
