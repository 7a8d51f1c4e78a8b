using System.Globalization;
using System.Text;
using Newtonsoft.Json.Linq;

namespace TapClockify.Singer.StreamMaps;

/// <summary>
/// Values written as Python writes them (repr), so str() and string concatenation in a map give the
/// text a Meltano SDK tap gives: True, None, 1.0, 1e+16, ['a', 'b'].
/// </summary>
public static class PythonText
{
    public static string Repr(MapValue value) => value.Kind switch
    {
        MapKind.None => "None",
        MapKind.Boolean => value.Boolean ? "True" : "False",
        MapKind.Integer => value.Integer.ToString(CultureInfo.InvariantCulture),
        MapKind.Float => Float(value.Float),
        MapKind.String => Quote(value.Text),
        MapKind.List => "[" + string.Join(", ", value.List.Select(Repr)) + "]",
        MapKind.Json => Repr(value.Json),
        _ => Repr(value.Dict),
    };

    private static string Repr(JToken token) => token switch
    {
        JObject dict => "{" + string.Join(", ", dict.Properties().Select(p => Quote(p.Name) + ": " + Repr(p.Value))) + "}",
        JArray list => "[" + string.Join(", ", list.Select(Repr)) + "]",
        JValue { Type: JTokenType.String } text => Quote((string)text!),
        JValue { Type: JTokenType.Integer or JTokenType.Float or JTokenType.Boolean } scalar => Repr(MapValue.FromToken(scalar)),
        _ => "None",
    };

    /// <summary>A float as Python's repr: shortest digits, fixed from 1e-4 to 1e16, else with an exponent.</summary>
    public static string Float(double value)
    {
        if (double.IsNaN(value)) return "nan";
        if (double.IsInfinity(value)) return value > 0 ? "inf" : "-inf";
        var shortest = value.ToString("R", CultureInfo.InvariantCulture);
        var sign = shortest.StartsWith('-') ? "-" : "";
        var unsigned = shortest.TrimStart('-');
        var exponentAt = unsigned.IndexOf('E');
        var mantissa = exponentAt < 0 ? unsigned : unsigned[..exponentAt];
        var exponent = exponentAt < 0 ? 0 : int.Parse(unsigned[(exponentAt + 1)..], CultureInfo.InvariantCulture);
        var pointAt = mantissa.IndexOf('.');
        var digits = mantissa.Replace(".", "");
        // The decimal point sits after this many of the digits.
        var point = (pointAt < 0 ? mantissa.Length : pointAt) + exponent;
        var leadingZeros = digits.Length - digits.TrimStart('0').Length;
        digits = digits.TrimStart('0').TrimEnd('0');
        point -= leadingZeros;
        if (digits.Length == 0) return sign + "0.0";

        var decimalExponent = point - 1;
        if (decimalExponent is >= -4 and < 16)
        {
            if (point <= 0) return sign + "0." + new string('0', -point) + digits;
            if (point >= digits.Length) return sign + digits + new string('0', point - digits.Length) + ".0";
            return sign + digits[..point] + "." + digits[point..];
        }
        var fraction = digits.Length > 1 ? "." + digits[1..] : "";
        return sign + digits[0] + fraction + "e" + (decimalExponent < 0 ? "-" : "+") + Math.Abs(decimalExponent).ToString("00", CultureInfo.InvariantCulture);
    }

    /// <summary>A string as Python's repr: single quotes unless the text has one and no double quote.</summary>
    public static string Quote(string text)
    {
        var quote = text.Contains('\'') && !text.Contains('"') ? '"' : '\'';
        var result = new StringBuilder(text.Length + 2).Append(quote);
        foreach (var c in text)
        {
            switch (c)
            {
                case '\\': result.Append("\\\\"); break;
                case '\n': result.Append("\\n"); break;
                case '\r': result.Append("\\r"); break;
                case '\t': result.Append("\\t"); break;
                default:
                    if (c == quote) result.Append('\\').Append(c);
                    else if (c < ' ' || c == '\x7f') result.Append("\\x").Append(((int)c).ToString("x2", CultureInfo.InvariantCulture));
                    else result.Append(c);
                    break;
            }
        }
        return result.Append(quote).ToString();
    }
}
