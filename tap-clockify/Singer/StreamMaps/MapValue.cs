using System.Globalization;
using System.Text;
using System.Text.Json;
using Newtonsoft.Json.Linq;
using TapClockify.Singer.Sync;

namespace TapClockify.Singer.StreamMaps;

/// <summary>The kinds of value a map expression works with, as Python names them in messages.</summary>
public enum MapKind { None, Boolean, Integer, Float, String, List, Json, Dict }

/// <summary>
/// One value while a map expression runs, with Python's meaning. A text read from a record keeps
/// the record's JSON text, so copying or hashing it needs no decoding.
/// </summary>
public readonly struct MapValue
{
    private readonly long _integer;
    private readonly double _float;
    // A string, a List of MapValue, or a JObject (a dict of stream_map_config).
    private readonly object? _object;
    // A record's string (quotes and escapes included) or a record's array or object.
    private readonly JsonFragment _fragment;

    private MapValue(MapKind kind, long integer = 0, double number = 0, object? value = null, JsonFragment fragment = default)
    {
        Kind = kind;
        _integer = integer;
        _float = number;
        _object = value;
        _fragment = fragment;
    }

    public MapKind Kind { get; }

    public static readonly MapValue None = new(MapKind.None);
    public static readonly MapValue True = new(MapKind.Boolean, 1);
    public static readonly MapValue False = new(MapKind.Boolean, 0);

    public static MapValue Of(bool value) => value ? True : False;
    public static MapValue Of(long value) => new(MapKind.Integer, value);
    public static MapValue Of(double value) => new(MapKind.Float, number: value);
    public static MapValue Of(string value) => new(MapKind.String, value: value);
    public static MapValue Of(List<MapValue> items) => new(MapKind.List, value: items);

    /// <summary>A record's value: numbers without a fraction or exponent are Python ints, others floats.</summary>
    public static MapValue FromFragment(JsonFragment fragment)
    {
        switch (fragment.Kind)
        {
            case JsonValueKind.String:
                return new MapValue(MapKind.String, fragment: fragment);
            case JsonValueKind.True:
                return True;
            case JsonValueKind.False:
                return False;
            case JsonValueKind.Number:
                var digits = fragment.Utf8.Span;
                if (digits.IndexOfAny((byte)'.', (byte)'e', (byte)'E') < 0 && long.TryParse(digits, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var whole))
                    return Of(whole);
                return Of(double.Parse(digits, NumberStyles.Float, CultureInfo.InvariantCulture));
            case JsonValueKind.Array or JsonValueKind.Object:
                return new MapValue(MapKind.Json, fragment: fragment);
            default:
                return None;
        }
    }

    /// <summary>A value of stream_map_config.</summary>
    public static MapValue FromToken(JToken token) => token switch
    {
        JObject dict => new MapValue(MapKind.Dict, value: dict),
        JArray list => Of(list.Select(FromToken).ToList()),
        JValue { Type: JTokenType.String } text => Of((string)text!),
        JValue { Type: JTokenType.Boolean } flag => Of((bool)flag),
        JValue { Type: JTokenType.Integer } whole when whole.Value is long or int => Of(Convert.ToInt64(whole.Value, CultureInfo.InvariantCulture)),
        JValue { Type: JTokenType.Integer or JTokenType.Float } number => Of(Convert.ToDouble(number.Value, CultureInfo.InvariantCulture)),
        _ => None,
    };

    public bool IsNone => Kind == MapKind.None;

    public bool Boolean => _integer != 0;
    public long Integer => _integer;
    public double Float => _float;
    public List<MapValue> List => (List<MapValue>)_object!;
    public JObject Dict => (JObject)_object!;

    /// <summary>Integers and booleans as a float, as Python mixes them in arithmetic.</summary>
    public double AsDouble => Kind == MapKind.Float ? _float : _integer;

    public bool IsNumeric => Kind is MapKind.Integer or MapKind.Float or MapKind.Boolean;

    /// <summary>The text of a string value.</summary>
    public string Text => _object as string ?? _fragment.GetString()!;

    /// <summary>
    /// The UTF-8 bytes of a string value without decoding it when it comes from a record and holds no
    /// escapes; false when it must be decoded first.
    /// </summary>
    public bool TryGetRawUtf8(out ReadOnlySpan<byte> utf8)
    {
        utf8 = default;
        if (_object is not null || Kind != MapKind.String) return false;
        var unquoted = _fragment.Utf8.Span[1..^1];
        if (unquoted.IndexOf((byte)'\\') >= 0) return false;
        utf8 = unquoted;
        return true;
    }

    /// <summary>A record's array or object as a Json.NET token.</summary>
    public JToken Json => _fragment.ToToken();

    /// <summary>Python's truth: None, False, 0, 0.0, "" and empty containers are false.</summary>
    public bool IsTruthy => Kind switch
    {
        MapKind.None => false,
        MapKind.Boolean or MapKind.Integer => _integer != 0,
        MapKind.Float => _float != 0,
        MapKind.String => _object is string text ? text.Length > 0 : _fragment.Utf8.Length > 2,
        MapKind.List => List.Count > 0,
        MapKind.Json => Json.HasValues,
        MapKind.Dict => Dict.HasValues,
        _ => false,
    };

    /// <summary>The Python type name, for messages.</summary>
    public string TypeName => NameOf(Kind);

    public static string NameOf(MapKind kind) => kind switch
    {
        MapKind.None => "None",
        MapKind.Boolean => "bool",
        MapKind.Integer => "int",
        MapKind.Float => "float",
        MapKind.String => "str",
        MapKind.List or MapKind.Json => "list or dict",
        _ => "dict",
    };

    /// <summary>The value as a record's JSON value.</summary>
    public JsonFragment ToFragment() => Kind switch
    {
        MapKind.None => JsonFragment.Null,
        MapKind.Boolean => JsonFragment.FromBoolean(Boolean),
        MapKind.Integer => JsonFragment.FromNumberText(_integer.ToString(CultureInfo.InvariantCulture)),
        // JSON has no NaN or infinity.
        MapKind.Float => double.IsFinite(_float) ? JsonFragment.FromNumberText(_float.ToString("R", CultureInfo.InvariantCulture)) : JsonFragment.Null,
        MapKind.String => _object is string text ? JsonFragment.FromString(text) : _fragment,
        MapKind.Json => _fragment,
        _ => new JsonFragment(Encoding.UTF8.GetBytes(TapJson.Serialize(ToToken())), Kind == MapKind.List ? JsonValueKind.Array : JsonValueKind.Object),
    };

    public JToken ToToken() => Kind switch
    {
        MapKind.None => JValue.CreateNull(),
        MapKind.Boolean => new JValue(Boolean),
        MapKind.Integer => new JValue(_integer),
        MapKind.Float => double.IsFinite(_float) ? new JValue(_float) : JValue.CreateNull(),
        MapKind.String => new JValue(Text),
        MapKind.List => new JArray(List.Select(i => i.ToToken())),
        MapKind.Json => Json,
        _ => Dict.DeepClone(),
    };

    /// <summary>Python's str() of the value.</summary>
    public string ToPythonString() => Kind == MapKind.String ? Text : PythonText.Repr(this);

    public override string ToString() => PythonText.Repr(this);
}
