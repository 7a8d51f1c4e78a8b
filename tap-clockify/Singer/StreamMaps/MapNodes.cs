using System.Globalization;
using System.Text;
using System.Text.Json;
using Newtonsoft.Json.Linq;
using TapClockify.Singer.Sync;

namespace TapClockify.Singer.StreamMaps;

/// <summary>An expression that cannot be read or cannot run; the message says what is wrong, in a few words.</summary>
public sealed class MapExpressionException(string message) : Exception(message);

/// <summary>
/// One node of a parsed map expression. Its <see cref="Type"/> is worked out when the tap starts;
/// <see cref="Evaluate"/> runs on each record's values, in the order of the stream's columns.
/// </summary>
public abstract class MapNode(params MapNode?[] children)
{
    /// <summary>The nodes whose values this one is made of.</summary>
    public IReadOnlyList<MapNode> Children { get; } = children.OfType<MapNode>().ToArray();

    public abstract MapType Type { get; }

    /// <summary>True when no record value reaches it: it can be worked out once, when the tap starts.</summary>
    public virtual bool IsConstant => Children.All(c => c.IsConstant);

    public abstract MapValue Evaluate(ReadOnlySpan<JsonFragment> record);

    /// <summary>What the items of a list it gives may be.</summary>
    public virtual MapType ItemType => MapType.Any;

    /// <summary>The schema to declare for a property set to this expression.</summary>
    public virtual JObject Schema
    {
        get
        {
            var schema = Type.ToSchema();
            if ((Type & MapType.Array) != 0 && ItemType != MapType.Any) schema["items"] = (ItemType & ~MapType.Null).ToSchema();
            return schema;
        }
    }
}

/// <summary>A literal, or a value of stream_map_config, known when the tap starts.</summary>
public sealed class ConstantNode(MapValue value) : MapNode
{
    public MapValue Value => value;

    public override MapType Type => value.Kind switch
    {
        MapKind.None => MapType.Null,
        MapKind.Boolean => MapType.Boolean,
        MapKind.Integer => MapType.Integer,
        MapKind.Float => MapType.Float,
        MapKind.String => MapType.String,
        MapKind.List => MapType.Array,
        _ => MapType.Object,
    };

    public override MapType ItemType => value.Kind == MapKind.List && value.List.Count > 0
        ? value.List.Aggregate(MapType.Never, (type, item) => type | new ConstantNode(item).Type)
        : MapType.Any;

    public override MapValue Evaluate(ReadOnlySpan<JsonFragment> record) => value;
}

/// <summary>A property of the record: its value as the record holds it, its schema as the stream declares it.</summary>
public sealed class ColumnNode(int index, JObject schema) : MapNode
{
    public int Index => index;

    public override bool IsConstant => false;

    public override MapType Type { get; } = MapTypes.OfSchema(schema);

    public override JObject Schema => (JObject)schema.DeepClone();

    public override MapType ItemType => schema["items"] is JObject items ? MapTypes.OfSchema(items) : MapType.Any;

    public override MapValue Evaluate(ReadOnlySpan<JsonFragment> record) => MapValue.FromFragment(record[index]);
}

/// <summary><c>record</c> (or <c>_</c>) on its own: the whole record as an object.</summary>
public sealed class RecordNode(IReadOnlyList<string> columns, JObject properties) : MapNode
{
    private readonly byte[][] _openings = columns.Select((name, i) => Encoding.UTF8.GetBytes((i == 0 ? "{" : ",") + Newtonsoft.Json.JsonConvert.ToString(name) + ":")).ToArray();

    public override MapType Type => MapType.Object;

    public override bool IsConstant => false;

    public override JObject Schema => new() { ["type"] = new JArray("object", "null"), ["properties"] = properties.DeepClone() };

    public override MapValue Evaluate(ReadOnlySpan<JsonFragment> record)
    {
        var text = new List<byte>();
        for (var i = 0; i < _openings.Length; i++)
        {
            text.AddRange(_openings[i]);
            text.AddRange((record[i].IsAbsent ? JsonFragment.Null : record[i]).Utf8.Span);
        }
        text.AddRange(_openings.Length == 0 ? "{}"u8.ToArray() : "}"u8.ToArray());
        return MapValue.FromFragment(new JsonFragment(text.ToArray(), JsonValueKind.Object));
    }
}

/// <summary><c>not x</c>, <c>-x</c>, <c>+x</c>.</summary>
public sealed class UnaryNode : MapNode
{
    private readonly string _operator;
    private readonly MapNode _operand;

    public UnaryNode(string op, MapNode operand) : base(operand)
    {
        _operator = op;
        _operand = operand;
        Type = op == "not"
            ? MapType.Boolean
            : MapOperations.StaticType(operand.Type, t => (t & MapType.Numeric) != 0 ? (t == MapType.Float ? MapType.Float : MapType.Integer) : MapType.Never,
                $"bad operand type for unary {op}");
    }

    public override MapType Type { get; }

    public override MapValue Evaluate(ReadOnlySpan<JsonFragment> record)
    {
        var value = _operand.Evaluate(record);
        if (_operator == "not") return MapValue.Of(!value.IsTruthy);
        if (value.IsNone) return value;
        return (value.Kind, _operator) switch
        {
            (MapKind.Float, "-") => MapValue.Of(-value.Float),
            (MapKind.Float, _) => value,
            (MapKind.Integer or MapKind.Boolean, "-") => MapValue.Of(checked(-value.Integer)),
            (MapKind.Integer or MapKind.Boolean, _) => MapValue.Of(value.Integer),
            _ => throw new MapExpressionException($"bad operand type for unary {_operator}: {value.TypeName}"),
        };
    }
}

/// <summary><c>+ - * / // %</c> with Python's meaning; a None operand gives None.</summary>
public sealed class ArithmeticNode : MapNode
{
    private readonly string _operator;
    private readonly MapNode _left;
    private readonly MapNode _right;

    public ArithmeticNode(string op, MapNode left, MapNode right) : base(left, right)
    {
        _operator = op;
        _left = left;
        _right = right;
        Type = MapOperations.StaticType(left.Type, right.Type, (l, r) => MapOperations.ArithmeticType(op, l, r),
            $"unsupported operand types for {op}");
    }

    public override MapType Type { get; }

    public override MapValue Evaluate(ReadOnlySpan<JsonFragment> record) =>
        MapOperations.Arithmetic(_operator, _left.Evaluate(record), _right.Evaluate(record));
}

/// <summary><c>and</c>, <c>or</c>: as in Python, the operand that decided, not a bool.</summary>
public sealed class LogicalNode(string op, MapNode left, MapNode right) : MapNode(left, right)
{
    public override MapType Type { get; } = left.Type | right.Type;

    public override MapValue Evaluate(ReadOnlySpan<JsonFragment> record)
    {
        var first = left.Evaluate(record);
        return first.IsTruthy == (op == "or") ? first : right.Evaluate(record);
    }
}

/// <summary>A comparison or a chain of them (<c>a &lt; b &lt;= c</c>), as in Python.</summary>
public sealed class ComparisonNode : MapNode
{
    private readonly MapNode[] _operands;
    private readonly string[] _operators;

    public ComparisonNode(IReadOnlyList<MapNode> operands, IReadOnlyList<string> operators) : base([.. operands])
    {
        _operands = operands.ToArray();
        _operators = operators.ToArray();
        for (var i = 0; i < _operators.Length; i++)
        {
            var op = _operators[i];
            MapOperations.StaticType(_operands[i].Type, _operands[i + 1].Type, (l, r) => MapOperations.ComparisonType(op, l, r),
                $"{op} cannot compare");
        }
    }

    public override MapType Type => MapType.Boolean;

    public override MapValue Evaluate(ReadOnlySpan<JsonFragment> record)
    {
        var left = _operands[0].Evaluate(record);
        for (var i = 0; i < _operators.Length; i++)
        {
            var right = _operands[i + 1].Evaluate(record);
            if (!MapOperations.Compare(_operators[i], left, right)) return MapValue.False;
            left = right;
        }
        return MapValue.True;
    }
}

/// <summary><c>x if condition else y</c>.</summary>
public sealed class ConditionalNode(MapNode whenTrue, MapNode condition, MapNode whenFalse) : MapNode(whenTrue, condition, whenFalse)
{
    public override MapType Type { get; } = whenTrue.Type | whenFalse.Type;

    public override MapValue Evaluate(ReadOnlySpan<JsonFragment> record) =>
        condition.Evaluate(record).IsTruthy ? whenTrue.Evaluate(record) : whenFalse.Evaluate(record);
}

/// <summary><c>[a, b]</c> or <c>(a, b)</c>.</summary>
public sealed class ListNode(IReadOnlyList<MapNode> items) : MapNode([.. items])
{
    public override MapType Type => MapType.Array;

    public override MapType ItemType => items.Count == 0 ? MapType.Any : items.Aggregate(MapType.Never, (type, item) => type | item.Type);

    public override MapValue Evaluate(ReadOnlySpan<JsonFragment> record)
    {
        var values = new List<MapValue>(items.Count);
        foreach (var item in items) values.Add(item.Evaluate(record));
        return MapValue.Of(values);
    }
}

/// <summary>A function or a string method applied to evaluated arguments (the target first, for a method).</summary>
public sealed class CallNode(MapFunction function, IReadOnlyList<MapNode> arguments) : MapNode([.. arguments])
{
    private readonly MapNode[] _arguments = arguments.ToArray();

    public override MapType Type { get; } = function.StaticType(arguments.Select(a => a.Type).ToArray());

    public override MapType ItemType => function.ItemType;

    public override MapValue Evaluate(ReadOnlySpan<JsonFragment> record)
    {
        var evaluated = new MapValue[_arguments.Length];
        for (var i = 0; i < _arguments.Length; i++) evaluated[i] = _arguments[i].Evaluate(record);
        return function.Invoke(evaluated);
    }
}

/// <summary><c>x[i]</c>, or a slice <c>x[a:b]</c> when <paramref name="isSlice"/>.</summary>
public sealed class IndexNode : MapNode
{
    private readonly MapNode _target;
    private readonly MapNode? _start;
    private readonly MapNode? _stop;
    private readonly bool _isSlice;

    public IndexNode(MapNode target, MapNode? start, MapNode? stop, bool isSlice) : base(target, start, stop)
    {
        _target = target;
        _start = start;
        _stop = stop;
        _isSlice = isSlice;
        Type = isSlice
            ? MapOperations.StaticType(target.Type, t => t is MapType.String or MapType.Array ? t : MapType.Never, "only str and list can be sliced")
            : MapOperations.StaticType(target.Type, t => t switch
            {
                MapType.String => MapType.String,
                MapType.Array => target.ItemType,
                MapType.Object => MapType.Any,
                _ => MapType.Never,
            }, "only str, list and dict can be indexed");
    }

    public override MapType Type { get; }

    public override MapType ItemType => _isSlice ? _target.ItemType : MapType.Any;

    public override MapValue Evaluate(ReadOnlySpan<JsonFragment> record)
    {
        var target = _target.Evaluate(record);
        if (target.IsNone) return target;
        return _isSlice
            ? MapOperations.Slice(target, _start?.Evaluate(record), _stop?.Evaluate(record))
            : MapOperations.Index(target, _start!.Evaluate(record));
    }
}

/// <summary>Helpers shared by the nodes: static types and Python's rules for operators.</summary>
public static class MapOperations
{
    /// <summary>
    /// The result type of an operation over every pair of operand types it accepts; None in gives
    /// None out. Fails when no pair is accepted, so the tap refuses the expression before it runs.
    /// </summary>
    public static MapType StaticType(MapType left, MapType right, Func<MapType, MapType, MapType> rule, string problem)
    {
        var result = ((left | right) & MapType.Null) != 0 ? MapType.Null : MapType.Never;
        var accepted = false;
        foreach (var l in (left & ~MapType.Null).Each())
        foreach (var r in (right & ~MapType.Null).Each())
        {
            var type = rule(l, r);
            if (type == MapType.Never) continue;
            accepted = true;
            result |= type;
        }
        if (!accepted && (left & ~MapType.Null) != 0 && (right & ~MapType.Null) != 0)
            throw new MapExpressionException($"{problem} {(left & ~MapType.Null).Describe()} and {(right & ~MapType.Null).Describe()}");
        return result;
    }

    public static MapType StaticType(MapType operand, Func<MapType, MapType> rule, string problem)
    {
        var result = (operand & MapType.Null) != 0 ? MapType.Null : MapType.Never;
        var accepted = false;
        foreach (var t in (operand & ~MapType.Null).Each())
        {
            var type = rule(t);
            if (type == MapType.Never) continue;
            accepted = true;
            result |= type;
        }
        if (!accepted && (operand & ~MapType.Null) != 0)
            throw new MapExpressionException($"{problem}, not {(operand & ~MapType.Null).Describe()}");
        return result;
    }

    public static MapType ArithmeticType(string op, MapType left, MapType right)
    {
        var numeric = (left & MapType.Numeric) != 0 && (right & MapType.Numeric) != 0;
        return op switch
        {
            "+" when left == MapType.String && right == MapType.String => MapType.String,
            "+" when left == MapType.Array && right == MapType.Array => MapType.Array,
            "/" when numeric => MapType.Float,
            _ when numeric => left == MapType.Float || right == MapType.Float ? MapType.Float : MapType.Integer,
            _ => MapType.Never,
        };
    }

    public static MapType ComparisonType(string op, MapType left, MapType right) => op switch
    {
        "==" or "!=" => MapType.Boolean,
        "in" or "not in" => right switch
        {
            MapType.String when left == MapType.String => MapType.Boolean,
            MapType.Array => MapType.Boolean,
            MapType.Object when left == MapType.String => MapType.Boolean,
            _ => MapType.Never,
        },
        _ when (left & MapType.Numeric) != 0 && (right & MapType.Numeric) != 0 => MapType.Boolean,
        _ when left == MapType.String && right == MapType.String => MapType.Boolean,
        _ => MapType.Never,
    };

    public static MapValue Arithmetic(string op, MapValue left, MapValue right)
    {
        if (left.IsNone || right.IsNone) return MapValue.None;
        if (left.IsNumeric && right.IsNumeric)
        {
            if (op != "/" && left.Kind != MapKind.Float && right.Kind != MapKind.Float)
            {
                long a = left.Integer, b = right.Integer;
                try
                {
                    return op switch
                    {
                        "+" => MapValue.Of(checked(a + b)),
                        "-" => MapValue.Of(checked(a - b)),
                        "*" => MapValue.Of(checked(a * b)),
                        "//" => b == 0 ? throw new MapExpressionException("integer division by zero") : MapValue.Of(FloorDivide(a, b)),
                        _ => b == 0 ? throw new MapExpressionException("integer modulo by zero") : MapValue.Of(a - b * FloorDivide(a, b)),
                    };
                }
                catch (OverflowException)
                {
                    throw new MapExpressionException($"integer overflow in {a} {op} {b}");
                }
            }
            double x = left.AsDouble, y = right.AsDouble;
            if (y == 0 && op is "/" or "//" or "%") throw new MapExpressionException("division by zero");
            return MapValue.Of(op switch
            {
                "+" => x + y,
                "-" => x - y,
                "*" => x * y,
                "/" => x / y,
                "//" => Math.Floor(x / y),
                _ => x - y * Math.Floor(x / y),
            });
        }
        if (op == "+" && left.Kind == MapKind.String && right.Kind == MapKind.String) return MapValue.Of(left.Text + right.Text);
        if (op == "+" && IsList(left) && IsList(right)) return MapValue.Of([.. Items(left), .. Items(right)]);
        throw new MapExpressionException($"unsupported operand types for {op}: {left.TypeName} and {right.TypeName}");
    }

    private static long FloorDivide(long a, long b)
    {
        var quotient = a / b;
        return (a % b != 0) && ((a < 0) != (b < 0)) ? quotient - 1 : quotient;
    }

    /// <summary>
    /// == and != as Python (numbers by value, True == 1, None == None); an ordering with None on
    /// either side is false, so a filter drops the record as SQL would.
    /// </summary>
    public static bool Compare(string op, MapValue left, MapValue right)
    {
        switch (op)
        {
            case "==": return AreEqual(left, right);
            case "!=": return !AreEqual(left, right);
            case "in": return Contains(right, left);
            case "not in": return !Contains(right, left);
        }
        if (left.IsNone || right.IsNone) return false;
        int order;
        if (left.IsNumeric && right.IsNumeric)
        {
            order = left.Kind != MapKind.Float && right.Kind != MapKind.Float ? left.Integer.CompareTo(right.Integer) : left.AsDouble.CompareTo(right.AsDouble);
            if (double.IsNaN(left.AsDouble) || double.IsNaN(right.AsDouble)) return false;
        }
        else if (left.Kind == MapKind.String && right.Kind == MapKind.String) order = string.CompareOrdinal(left.Text, right.Text);
        else throw new MapExpressionException($"{op} cannot compare {left.TypeName} and {right.TypeName}");
        return op switch
        {
            "<" => order < 0,
            "<=" => order <= 0,
            ">" => order > 0,
            _ => order >= 0,
        };
    }

    private static bool AreEqual(MapValue left, MapValue right)
    {
        if (left.IsNone || right.IsNone) return left.IsNone && right.IsNone;
        if (left.IsNumeric && right.IsNumeric)
            return left.Kind != MapKind.Float && right.Kind != MapKind.Float ? left.Integer == right.Integer : left.AsDouble == right.AsDouble;
        if (left.Kind == MapKind.String && right.Kind == MapKind.String) return left.Text == right.Text;
        if (IsList(left) && IsList(right)) return Items(left).Count == Items(right).Count && Items(left).Zip(Items(right)).All(p => AreEqual(p.First, p.Second));
        if (IsDict(left) && IsDict(right)) return JToken.DeepEquals(left.ToToken(), right.ToToken());
        return false;
    }

    private static bool Contains(MapValue container, MapValue item)
    {
        if (container.IsNone) return false;
        if (container.Kind == MapKind.String)
        {
            if (item.Kind != MapKind.String) throw new MapExpressionException($"'in <string>' needs a str on the left, not {item.TypeName}");
            return container.Text.Contains(item.Text, StringComparison.Ordinal);
        }
        if (IsList(container)) return Items(container).Any(i => AreEqual(i, item));
        if (IsDict(container)) return item.Kind == MapKind.String && DictOf(container).ContainsKey(item.Text);
        throw new MapExpressionException($"'in' needs a str, list or dict on the right, not {container.TypeName}");
    }

    public static MapValue Index(MapValue target, MapValue index)
    {
        if (IsDict(target))
        {
            if (index.Kind != MapKind.String) throw new MapExpressionException($"dict keys are str, not {index.TypeName}");
            return DictOf(target).TryGetValue(index.Text, out var value) ? MapValue.FromToken(value!) : throw new MapExpressionException($"no key {PythonText.Quote(index.Text)}");
        }
        if (index.Kind is not (MapKind.Integer or MapKind.Boolean)) throw new MapExpressionException($"indices must be int, not {index.TypeName}");
        if (target.Kind == MapKind.String)
        {
            var characters = Characters(target.Text);
            return MapValue.Of(characters[Position(index.Integer, characters.Length)]);
        }
        if (IsList(target))
        {
            var items = Items(target);
            return items[Position(index.Integer, items.Count)];
        }
        throw new MapExpressionException($"{target.TypeName} cannot be indexed");
    }

    public static MapValue Slice(MapValue target, MapValue? start, MapValue? stop)
    {
        if (target.Kind == MapKind.String)
        {
            var characters = Characters(target.Text);
            var (from, to) = Bounds(start, stop, characters.Length);
            return MapValue.Of(string.Concat(characters[from..to]));
        }
        if (IsList(target))
        {
            var items = Items(target);
            var (from, to) = Bounds(start, stop, items.Count);
            return MapValue.Of(items.GetRange(from, to - from));
        }
        throw new MapExpressionException($"{target.TypeName} cannot be sliced");
    }

    private static (int From, int To) Bounds(MapValue? start, MapValue? stop, int length)
    {
        int Clamp(MapValue? bound, int missing)
        {
            if (bound is not { } value || value.IsNone) return missing;
            if (value.Kind is not (MapKind.Integer or MapKind.Boolean)) throw new MapExpressionException($"slice indices must be int, not {value.TypeName}");
            var position = value.Integer < 0 ? length + value.Integer : value.Integer;
            return (int)Math.Clamp(position, 0, length);
        }
        var from = Clamp(start, 0);
        return (from, Math.Max(from, Clamp(stop, length)));
    }

    private static int Position(long index, int length)
    {
        var position = index < 0 ? length + index : index;
        if (position < 0 || position >= length) throw new MapExpressionException($"index {index} out of range (length {length})");
        return (int)position;
    }

    /// <summary>Python indexes text by code point, not by UTF-16 unit.</summary>
    public static string[] Characters(string text) => text.EnumerateRunes().Select(r => r.ToString()).ToArray();

    private static bool IsList(MapValue value) => value.Kind == MapKind.List || (value.Kind == MapKind.Json && value.Json is JArray);

    private static bool IsDict(MapValue value) => value.Kind == MapKind.Dict || (value.Kind == MapKind.Json && value.Json is JObject);

    private static List<MapValue> Items(MapValue value) => value.Kind == MapKind.List ? value.List : ((JArray)value.Json).Select(MapValue.FromToken).ToList();

    private static JObject DictOf(MapValue value) => value.Kind == MapKind.Dict ? value.Dict : (JObject)value.Json;

    /// <summary>Python's int() of a text: an optional sign and digits, spaces around allowed.</summary>
    public static long ParseInteger(string text) =>
        long.TryParse(text.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new MapExpressionException($"invalid literal for int(): {PythonText.Quote(text)}");

    public static double ParseFloat(string text)
    {
        var trimmed = text.Trim().ToLowerInvariant();
        var unsigned = trimmed.TrimStart('+', '-');
        if (unsigned is "nan" or "inf" or "infinity")
        {
            var negative = trimmed.StartsWith('-');
            return unsigned == "nan" ? double.NaN : negative ? double.NegativeInfinity : double.PositiveInfinity;
        }
        return double.TryParse(trimmed, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new MapExpressionException($"could not convert string to float: {PythonText.Quote(text)}");
    }
}
