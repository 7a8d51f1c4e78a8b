using System.Text;
using System.Text.Json;
using TapClockify.Singer.Sync;

namespace TapClockify.Singer.StreamMaps;

/// <summary>
/// A function (<c>md5(x)</c>) or a string method (<c>x.lower()</c>; the text is its first argument)
/// that map expressions may call, with its static type rule and its Python behaviour. A None
/// argument where text or a number belongs gives None, as a null does in SQL.
/// </summary>
public sealed class MapFunction
{
    private readonly Func<MapType[], MapType> _staticType;
    private readonly Func<MapValue[], MapValue> _body;

    private MapFunction(string name, int minArguments, int maxArguments, Func<MapType[], MapType> staticType, Func<MapValue[], MapValue> body,
        MapType itemType = MapType.Any)
    {
        Name = name;
        ItemType = itemType;
        MinArguments = minArguments;
        MaxArguments = maxArguments;
        _staticType = staticType;
        _body = body;
    }

    public string Name { get; }

    /// <summary>What the items of the list it gives may be (str for split()).</summary>
    public MapType ItemType { get; }

    public int MinArguments { get; }
    public int MaxArguments { get; }

    public static IReadOnlyDictionary<string, MapFunction> Functions { get; } = new Dictionary<string, MapFunction>
    {
        ["md5"] = new("md5", 1, 1, Typed(MapType.String, MapType.String, "md5() needs a str; hash other values as md5(str(x))"), a => Text(a[0], Md5)),
        ["str"] = new("str", 1, 1, t => (t[0] & MapType.Null) | (t[0] == MapType.Null ? MapType.Never : MapType.String),
            a => a[0].IsNone ? MapValue.None : MapValue.Of(a[0].ToPythonString())),
        ["int"] = new("int", 1, 1, Typed(MapType.String | MapType.Numeric, MapType.Integer, "int() needs a str or a number"), a => ToInteger(a[0])),
        ["float"] = new("float", 1, 1, Typed(MapType.String | MapType.Numeric, MapType.Float, "float() needs a str or a number"), a => ToFloat(a[0])),
        ["bool"] = new("bool", 1, 1, _ => MapType.Boolean, a => MapValue.Of(a[0].IsTruthy)),
        ["len"] = new("len", 1, 1, Typed(MapType.String | MapType.Array | MapType.Object, MapType.Integer, "len() needs a str, list or dict"), Length),
    };

    public static IReadOnlyDictionary<string, MapFunction> Methods { get; } = new Dictionary<string, MapFunction>
    {
        ["lower"] = Method("lower", 0, 0, MapType.String, (text, _) => MapValue.Of(text.ToLowerInvariant())),
        ["upper"] = Method("upper", 0, 0, MapType.String, (text, _) => MapValue.Of(text.ToUpperInvariant())),
        ["strip"] = Method("strip", 0, 1, MapType.String, (text, a) => MapValue.Of(Characters(a, "strip") is { } c ? text.Trim(c) : text.Trim())),
        ["lstrip"] = Method("lstrip", 0, 1, MapType.String, (text, a) => MapValue.Of(Characters(a, "lstrip") is { } c ? text.TrimStart(c) : text.TrimStart())),
        ["rstrip"] = Method("rstrip", 0, 1, MapType.String, (text, a) => MapValue.Of(Characters(a, "rstrip") is { } c ? text.TrimEnd(c) : text.TrimEnd())),
        ["split"] = Method("split", 0, 2, MapType.Array, Split, argumentKinds: [MapType.String | MapType.Null, MapType.Integer], itemType: MapType.String),
        ["replace"] = Method("replace", 2, 3, MapType.String, Replace, argumentKinds: [MapType.String, MapType.String, MapType.Integer]),
        ["startswith"] = Method("startswith", 1, 1, MapType.Boolean, (text, a) => MapValue.Of(text.StartsWith(RequireText(a[1], "startswith"), StringComparison.Ordinal))),
        ["endswith"] = Method("endswith", 1, 1, MapType.Boolean, (text, a) => MapValue.Of(text.EndsWith(RequireText(a[1], "endswith"), StringComparison.Ordinal))),
    };

    /// <summary>The result type for arguments of these types; fails when no accepted type is possible.</summary>
    public MapType StaticType(MapType[] arguments) => _staticType(arguments);

    public MapValue Invoke(MapValue[] arguments) => _body(arguments);

    private static Func<MapType[], MapType> Typed(MapType accepted, MapType result, string problem) =>
        t => MapOperations.StaticType(t[0], a => (a & accepted) != 0 ? result : MapType.Never, problem);

    private static MapFunction Method(string name, int minExtra, int maxExtra, MapType result, Func<string, MapValue[], MapValue> body,
        MapType[]? argumentKinds = null, MapType itemType = MapType.Any)
    {
        argumentKinds ??= Enumerable.Repeat(MapType.String | MapType.Null, maxExtra).ToArray();
        return new MapFunction(name, minExtra + 1, maxExtra + 1,
            types =>
            {
                for (var i = 1; i < types.Length; i++)
                {
                    var expected = argumentKinds[i - 1];
                    if ((types[i] & ~MapType.Null & expected) == 0 && (types[i] & ~MapType.Null) != 0)
                        throw new MapExpressionException($".{name}() argument {i} must be {expected.Describe()}, not {types[i].Describe()}");
                }
                return MapOperations.StaticType(types[0], t => t == MapType.String ? result : MapType.Never, $".{name}() is a str method, so it needs a str");
            },
            a =>
            {
                if (a[0].IsNone) return MapValue.None;
                if (a[0].Kind != MapKind.String) throw new MapExpressionException($".{name}() is a str method; got {a[0].TypeName}");
                return body(a[0].Text, a);
            },
            itemType);
    }

    private static MapValue Text(MapValue value, Func<MapValue, MapValue> body)
    {
        if (value.IsNone) return value;
        if (value.Kind != MapKind.String) throw new MapExpressionException($"md5() needs a str, got {value.TypeName}; hash other values as md5(str(x))");
        return body(value);
    }

    /// <summary>
    /// The hex MD5 of the text's UTF-8 bytes, as the SDK's hashlib.md5(text.encode("utf-8")).hexdigest(),
    /// made straight into the JSON text it is written as.
    /// </summary>
    private static MapValue Md5(MapValue value)
    {
        Span<byte> hash = stackalloc byte[16];
        if (value.TryGetRawUtf8(out var utf8)) Md5Digest.Hash(utf8, hash);
        else Md5Digest.Hash(Encoding.UTF8.GetBytes(value.Text), hash);
        var json = new byte[34];
        json[0] = json[^1] = (byte)'"';
        for (var i = 0; i < 16; i++)
        {
            json[1 + 2 * i] = HexDigits[hash[i] >> 4];
            json[2 + 2 * i] = HexDigits[hash[i] & 15];
        }
        return MapValue.FromFragment(new JsonFragment(json, JsonValueKind.String));
    }

    private static ReadOnlySpan<byte> HexDigits => "0123456789abcdef"u8;

    private static MapValue ToInteger(MapValue value)
    {
        switch (value.Kind)
        {
            case MapKind.None:
                return value;
            case MapKind.Integer or MapKind.Boolean:
                return MapValue.Of(value.Integer);
            case MapKind.Float:
                if (!double.IsFinite(value.Float) || Math.Abs(value.Float) >= 9.2e18) throw new MapExpressionException($"cannot convert float {PythonText.Float(value.Float)} to int");
                return MapValue.Of((long)Math.Truncate(value.Float));
            case MapKind.String:
                return MapValue.Of(MapOperations.ParseInteger(value.Text));
            default:
                throw new MapExpressionException($"int() needs a str or a number, not {value.TypeName}");
        }
    }

    private static MapValue ToFloat(MapValue value) => value.Kind switch
    {
        MapKind.None => value,
        MapKind.Integer or MapKind.Boolean or MapKind.Float => MapValue.Of(value.AsDouble),
        MapKind.String => MapValue.Of(MapOperations.ParseFloat(value.Text)),
        _ => throw new MapExpressionException($"float() needs a str or a number, not {value.TypeName}"),
    };

    private static MapValue Length(MapValue[] arguments)
    {
        var value = arguments[0];
        return value.Kind switch
        {
            MapKind.None => value,
            MapKind.String => MapValue.Of((long)MapOperations.Characters(value.Text).Length),
            MapKind.List => MapValue.Of((long)value.List.Count),
            MapKind.Json => MapValue.Of((long)((Newtonsoft.Json.Linq.JContainer)value.Json).Count),
            MapKind.Dict => MapValue.Of((long)value.Dict.Count),
            _ => throw new MapExpressionException($"len() needs a str, list or dict, not {value.TypeName}"),
        };
    }

    private static string RequireText(MapValue value, string method) =>
        value.Kind == MapKind.String ? value.Text : throw new MapExpressionException($".{method}() needs a str argument, not {value.TypeName}");

    /// <summary>The characters a strip method's optional argument names; null for whitespace.</summary>
    private static char[]? Characters(MapValue[] arguments, string method) =>
        arguments.Length > 1 && !arguments[1].IsNone ? RequireText(arguments[1], method).ToCharArray() : null;

    private static MapValue Split(string text, MapValue[] arguments)
    {
        var separator = arguments.Length > 1 && !arguments[1].IsNone ? RequireText(arguments[1], "split") : null;
        var limit = arguments.Length > 2 ? arguments[2].Integer : -1;
        if (separator == "") throw new MapExpressionException(".split() separator is empty");
        var parts = new List<MapValue>();
        if (separator is not null)
        {
            var pieces = text.Split(separator, limit < 0 ? int.MaxValue : (int)Math.Min(int.MaxValue, limit + 1));
            foreach (var piece in pieces) parts.Add(MapValue.Of(piece));
            return MapValue.Of(parts);
        }
        // No separator: runs of whitespace split, and none are kept at the ends.
        var position = 0;
        while (true)
        {
            while (position < text.Length && char.IsWhiteSpace(text[position])) position++;
            if (position >= text.Length) break;
            if (limit >= 0 && parts.Count == limit)
            {
                parts.Add(MapValue.Of(text[position..].TrimEnd()));
                break;
            }
            var end = position;
            while (end < text.Length && !char.IsWhiteSpace(text[end])) end++;
            parts.Add(MapValue.Of(text[position..end]));
            position = end;
        }
        return MapValue.Of(parts);
    }

    private static MapValue Replace(string text, MapValue[] arguments)
    {
        var old = RequireText(arguments[1], "replace");
        var replacement = RequireText(arguments[2], "replace");
        var count = arguments.Length > 3 ? arguments[3].Integer : -1;
        if (count < 0 && old.Length > 0) return MapValue.Of(text.Replace(old, replacement, StringComparison.Ordinal));
        var result = new StringBuilder();
        var position = 0;
        var done = 0L;
        while (count < 0 || done < count)
        {
            var found = old.Length == 0 ? position : text.IndexOf(old, position, StringComparison.Ordinal);
            if (found < 0 || found > text.Length) break;
            result.Append(text, position, found - position).Append(replacement);
            done++;
            if (old.Length == 0)
            {
                // An empty pattern matches between every two characters, as Python's does.
                if (found == text.Length) { position = found; break; }
                result.Append(text[found]);
                position = found + 1;
            }
            else position = found + old.Length;
        }
        return MapValue.Of(result.Append(text, position, text.Length - position).ToString());
    }
}
