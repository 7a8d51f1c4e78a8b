using System.Globalization;
using System.Text;
using Newtonsoft.Json.Linq;

namespace TapClockify.Singer.StreamMaps;

/// <summary>What names in an expression stand for: the stream's properties, <c>config</c>, <c>self</c>.</summary>
/// <param name="columns">The record's properties, in the order of the values expressions read.</param>
/// <param name="properties">Their schemas, by name.</param>
/// <param name="config">stream_map_config.</param>
/// <param name="self">The property the expression sets; <c>self</c> is its value before.</param>
public sealed record MapScope(IReadOnlyList<string> Columns, JObject Properties, JObject Config, string? Self);

/// <summary>
/// Reads the Python expressions of Meltano SDK stream maps (the part simpleeval runs that maps
/// use) into <see cref="MapNode"/>s, resolving every name and checking every type it can before a
/// record is read. Precedence as in Python: conditional, or, and, not, comparisons, + -, * / // %,
/// unary - +, then calls, indexing and methods.
/// </summary>
public sealed class MapExpressionParser
{
    private static readonly HashSet<string> Unsupported =
        ["lambda", "for", "while", "import", "from", "def", "class", "yield", "await", "async", "global", "nonlocal", "del", "with",
         "assert", "raise", "try", "except", "finally", "return", "pass", "break", "continue", "elif", "as", "is"];

    private readonly List<Token> _tokens;
    private readonly MapScope _scope;
    private int _next;

    private MapExpressionParser(List<Token> tokens, MapScope scope)
    {
        _tokens = tokens;
        _scope = scope;
    }

    /// <summary>The expression's tree; a <see cref="MapExpressionException"/> says what is wrong.</summary>
    public static MapNode Parse(string text, MapScope scope)
    {
        if (string.IsNullOrWhiteSpace(text)) throw new MapExpressionException("the expression is empty");
        var parser = new MapExpressionParser(Tokenize(text), scope);
        var node = parser.Conditional();
        if (parser.Peek.Kind != TokenKind.End) throw new MapExpressionException($"unexpected {parser.Peek.Describe()} at position {parser.Peek.Position + 1}");
        return node;
    }

    private enum TokenKind { Number, String, Name, Operator, End }

    private sealed record Token(TokenKind Kind, string Text, int Position, MapValue Value = default)
    {
        public string Describe() => Kind switch
        {
            TokenKind.End => "end of the expression",
            TokenKind.String => "text " + PythonText.Quote(Value.Text),
            _ => $"'{Text}'",
        };
    }

    private Token Peek => _tokens[_next];

    private bool IsOperator(string text) => Peek.Kind == TokenKind.Operator && Peek.Text == text;

    private bool IsName(string text) => Peek.Kind == TokenKind.Name && Peek.Text == text;

    private Token Take() => _tokens[_next++];

    private void Expect(string text)
    {
        if (!IsOperator(text)) throw new MapExpressionException($"expected '{text}' at position {Peek.Position + 1}, found {Peek.Describe()}");
        _next++;
    }

    private MapNode Conditional()
    {
        var value = Or();
        if (!IsName("if")) return value;
        _next++;
        var condition = Or();
        if (!IsName("else")) throw new MapExpressionException($"'if' needs an 'else' (x if condition else y), found {Peek.Describe()}");
        _next++;
        return Fold(new ConditionalNode(value, condition, Conditional()));
    }

    private MapNode Or()
    {
        var left = And();
        while (IsName("or"))
        {
            _next++;
            left = Fold(new LogicalNode("or", left, And()));
        }
        return left;
    }

    private MapNode And()
    {
        var left = Not();
        while (IsName("and"))
        {
            _next++;
            left = Fold(new LogicalNode("and", left, Not()));
        }
        return left;
    }

    private MapNode Not()
    {
        if (!IsName("not")) return Comparison();
        _next++;
        return Fold(new UnaryNode("not", Not()));
    }

    private MapNode Comparison()
    {
        var operands = new List<MapNode> { Additive() };
        var operators = new List<string>();
        while (true)
        {
            string op;
            if (Peek.Kind == TokenKind.Operator && Peek.Text is "==" or "!=" or "<" or "<=" or ">" or ">=") op = Take().Text;
            else if (IsName("in")) { _next++; op = "in"; }
            else if (IsName("not") && _tokens[_next + 1] is { Kind: TokenKind.Name, Text: "in" }) { _next += 2; op = "not in"; }
            else break;
            operators.Add(op);
            operands.Add(Additive());
        }
        return operators.Count == 0 ? operands[0] : Fold(new ComparisonNode(operands, operators));
    }

    private MapNode Additive()
    {
        var left = Multiplicative();
        while (Peek.Kind == TokenKind.Operator && Peek.Text is "+" or "-")
        {
            var op = Take().Text;
            left = Fold(new ArithmeticNode(op, left, Multiplicative()));
        }
        return left;
    }

    private MapNode Multiplicative()
    {
        var left = Unary();
        while (Peek.Kind == TokenKind.Operator && Peek.Text is "*" or "/" or "//" or "%")
        {
            var op = Take().Text;
            left = Fold(new ArithmeticNode(op, left, Unary()));
        }
        return left;
    }

    private MapNode Unary()
    {
        if (Peek.Kind == TokenKind.Operator && Peek.Text is "-" or "+")
        {
            var op = Take().Text;
            return Fold(new UnaryNode(op, Unary()));
        }
        return Postfix(Primary());
    }

    private MapNode Postfix(MapNode node)
    {
        while (true)
        {
            if (IsOperator("["))
            {
                node = Subscript(node);
            }
            else if (IsOperator("."))
            {
                _next++;
                var method = Take();
                if (method.Kind != TokenKind.Name) throw new MapExpressionException($"expected a method name after '.', found {method.Describe()}");
                if (!IsOperator("(")) throw new MapExpressionException($"attributes such as .{method.Text} are not supported; only str methods can follow a '.'");
                if (!MapFunction.Methods.TryGetValue(method.Text, out var function))
                    throw new MapExpressionException($"unknown method .{method.Text}(); supported: {string.Join(", ", MapFunction.Methods.Keys.Select(m => "." + m + "()"))}");
                node = Call(function, node);
            }
            else return node;
        }
    }

    private MapNode Subscript(MapNode target)
    {
        Expect("[");
        MapNode? start = IsOperator(":") ? null : Conditional();
        if (IsOperator(":"))
        {
            _next++;
            var stop = IsOperator("]") ? null : Conditional();
            Expect("]");
            return Fold(new IndexNode(target, start, stop, isSlice: true));
        }
        Expect("]");
        return Fold(new IndexNode(target, start, null, isSlice: false));
    }

    private MapNode Call(MapFunction function, MapNode? target)
    {
        var label = target is null ? function.Name + "()" : "." + function.Name + "()";
        Expect("(");
        var arguments = new List<MapNode>();
        if (target is not null) arguments.Add(target);
        while (!IsOperator(")"))
        {
            arguments.Add(Conditional());
            if (IsOperator(",")) _next++;
            else if (!IsOperator(")")) throw new MapExpressionException($"expected ',' or ')' in {label}, found {Peek.Describe()}");
        }
        _next++;
        var given = arguments.Count - (target is null ? 0 : 1);
        if (arguments.Count < function.MinArguments || arguments.Count > function.MaxArguments)
        {
            var (min, max) = target is null ? (function.MinArguments, function.MaxArguments) : (function.MinArguments - 1, function.MaxArguments - 1);
            var expected = min == max ? $"{min}" : $"{min} to {max}";
            throw new MapExpressionException($"{label} takes {expected} argument{(max == 1 ? "" : "s")}, not {given}");
        }
        return Fold(new CallNode(function, arguments));
    }

    private MapNode Primary()
    {
        var token = Take();
        switch (token.Kind)
        {
            case TokenKind.Number or TokenKind.String:
                return new ConstantNode(token.Value);
            case TokenKind.End:
                throw new MapExpressionException("the expression ends too early");
            case TokenKind.Operator when token.Text == "(":
                return Sequence(")", allowSingle: true);
            case TokenKind.Operator when token.Text == "[":
                return Sequence("]", allowSingle: false);
            case TokenKind.Operator:
                throw new MapExpressionException($"unexpected '{token.Text}' at position {token.Position + 1}");
        }

        var name = token.Text;
        switch (name)
        {
            case "True": return new ConstantNode(MapValue.True);
            case "False": return new ConstantNode(MapValue.False);
            case "None": return new ConstantNode(MapValue.None);
            case "record" or "_" when IsOperator("["):
                return Property(name);
            case "record" or "_":
                return new RecordNode(_scope.Columns, _scope.Properties);
            case "config":
                return new ConstantNode(MapValue.FromToken(_scope.Config));
            case "self":
                if (_scope.Self is null || !_scope.Columns.Contains(_scope.Self))
                    throw new MapExpressionException(_scope.Self is null ? "self has no meaning in __filter__" : $"self: the stream has no property {_scope.Self} before the map");
                return Column(_scope.Self);
        }
        if (IsOperator("("))
        {
            if (MapFunction.Functions.TryGetValue(name, out var function)) return Call(function, null);
            throw new MapExpressionException($"unknown function {name}(); supported: {string.Join(", ", MapFunction.Functions.Keys.Select(f => f + "()"))}");
        }
        if (Unsupported.Contains(name) || name is "if" or "else" or "and" or "or" or "not" or "in")
            throw new MapExpressionException($"'{name}' is not supported at position {token.Position + 1}");
        if (MapFunction.Functions.ContainsKey(name) && !_scope.Columns.Contains(name))
            throw new MapExpressionException($"{name} is a function: call it as {name}(...)");
        return Column(name);
    }

    /// <summary><c>record['name']</c>: the property, whatever its name (also names that are Python words).</summary>
    private MapNode Property(string recordName)
    {
        Expect("[");
        var key = Take();
        if (key.Kind != TokenKind.String || !IsOperator("]"))
            throw new MapExpressionException($"{recordName}[...] needs a quoted property name, such as {recordName}['email']");
        _next++;
        return Column(key.Value.Text);
    }

    private ColumnNode Column(string name)
    {
        var index = IndexOf(name);
        if (index < 0) throw new MapExpressionException($"unknown name {name}: not a property of the stream (or not selected)");
        return new ColumnNode(index, (JObject)_scope.Properties[name]!);
    }

    private int IndexOf(string name)
    {
        for (var i = 0; i < _scope.Columns.Count; i++)
        {
            if (_scope.Columns[i] == name) return i;
        }
        return -1;
    }

    private MapNode Sequence(string closing, bool allowSingle)
    {
        var items = new List<MapNode>();
        var sawComma = false;
        while (!IsOperator(closing))
        {
            items.Add(Conditional());
            if (IsOperator(",")) { _next++; sawComma = true; }
            else if (!IsOperator(closing)) throw new MapExpressionException($"expected ',' or '{closing}', found {Peek.Describe()}");
        }
        _next++;
        if (allowSingle && items.Count == 1 && !sawComma) return items[0];
        if (allowSingle && items.Count == 0) throw new MapExpressionException("empty parentheses");
        return Fold(new ListNode(items));
    }

    /// <summary>
    /// A node whose inputs are all constants is worked out now (config['hash_seed'] + '-' is one
    /// text), so records pay only for what depends on them, and its errors surface at start-up.
    /// </summary>
    private static MapNode Fold(MapNode node) =>
        node.IsConstant && node is not ConstantNode ? new ConstantNode(node.Evaluate(ReadOnlySpan<Sync.JsonFragment>.Empty)) : node;

    private static List<Token> Tokenize(string text)
    {
        var tokens = new List<Token>();
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c)) { i++; continue; }
            var start = i;
            if (char.IsAsciiDigit(c) || (c == '.' && i + 1 < text.Length && char.IsAsciiDigit(text[i + 1])))
            {
                tokens.Add(Number(text, ref i));
            }
            else if (c is '\'' or '"')
            {
                tokens.Add(new Token(TokenKind.String, text[start..], start, MapValue.Of(StringLiteral(text, ref i))));
            }
            else if (char.IsLetter(c) || c == '_')
            {
                while (i < text.Length && (char.IsLetterOrDigit(text[i]) || text[i] == '_')) i++;
                var name = text[start..i];
                if (i < text.Length && text[i] is '\'' or '"')
                    throw new MapExpressionException($"string prefixes such as {name}'...' are not supported");
                tokens.Add(new Token(TokenKind.Name, name, start));
            }
            else
            {
                var two = i + 1 < text.Length ? text.Substring(i, 2) : "";
                if (two is "**" or "<<" or ">>" or "->" or ":=" || c is '&' or '|' or '^' or '~' or '@' or '{' or '}' or ';' or '`' or '$' or '?' or '#' or '\\')
                    throw new MapExpressionException($"'{(two is "**" or "<<" or ">>" or "->" or ":=" ? two : c.ToString())}' is not supported (position {start + 1})");
                if (two is "==" or "!=" or "<=" or ">=" or "//")
                {
                    tokens.Add(new Token(TokenKind.Operator, two, start));
                    i += 2;
                }
                else if (c == '!')
                {
                    throw new MapExpressionException($"'!' is not supported (position {start + 1}); use not or !=");
                }
                else if (c == '=')
                {
                    throw new MapExpressionException($"'=' is not supported (position {start + 1}); compare with ==");
                }
                else
                {
                    tokens.Add(new Token(TokenKind.Operator, c.ToString(), start));
                    i++;
                }
            }
        }
        tokens.Add(new Token(TokenKind.End, "", text.Length));
        tokens.Add(new Token(TokenKind.End, "", text.Length));
        return tokens;
    }

    private static Token Number(string text, ref int i)
    {
        var start = i;
        while (i < text.Length && char.IsAsciiDigit(text[i])) i++;
        var isFloat = false;
        if (i < text.Length && text[i] == '.')
        {
            isFloat = true;
            i++;
            while (i < text.Length && char.IsAsciiDigit(text[i])) i++;
        }
        if (i < text.Length && text[i] is 'e' or 'E')
        {
            var exponent = i + 1;
            if (exponent < text.Length && text[exponent] is '+' or '-') exponent++;
            if (exponent < text.Length && char.IsAsciiDigit(text[exponent]))
            {
                isFloat = true;
                i = exponent;
                while (i < text.Length && char.IsAsciiDigit(text[i])) i++;
            }
        }
        if (i < text.Length && (char.IsLetter(text[i]) || text[i] == '_'))
            throw new MapExpressionException($"invalid number at position {start + 1}");
        var literal = text[start..i];
        if (isFloat) return new Token(TokenKind.Number, literal, start, MapValue.Of(double.Parse(literal, CultureInfo.InvariantCulture)));
        if (literal.Length > 1 && literal[0] == '0' && literal.Any(d => d != '0'))
            throw new MapExpressionException($"leading zeros in a number are not allowed in Python ({literal})");
        return long.TryParse(literal, NumberStyles.None, CultureInfo.InvariantCulture, out var whole)
            ? new Token(TokenKind.Number, literal, start, MapValue.Of(whole))
            : throw new MapExpressionException($"the number {literal} is too large");
    }

    private static string StringLiteral(string text, ref int i)
    {
        var quote = text[i];
        var start = i;
        i++;
        var value = new StringBuilder();
        while (true)
        {
            if (i >= text.Length) throw new MapExpressionException($"the text starting at position {start + 1} has no closing {quote}");
            var c = text[i++];
            if (c == quote) return value.ToString();
            if (c != '\\')
            {
                value.Append(c);
                continue;
            }
            if (i >= text.Length) throw new MapExpressionException($"the text starting at position {start + 1} has no closing {quote}");
            var escaped = text[i++];
            switch (escaped)
            {
                case 'n': value.Append('\n'); break;
                case 't': value.Append('\t'); break;
                case 'r': value.Append('\r'); break;
                case '0': value.Append('\0'); break;
                case '\\' or '\'' or '"': value.Append(escaped); break;
                case 'x' or 'u':
                    var length = escaped == 'x' ? 2 : 4;
                    if (i + length > text.Length || !int.TryParse(text.AsSpan(i, length), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var code))
                        throw new MapExpressionException($"bad \\{escaped} escape at position {i - 1}");
                    value.Append((char)code);
                    i += length;
                    break;
                default:
                    // Python keeps an unknown escape as it is.
                    value.Append('\\').Append(escaped);
                    break;
            }
        }
    }
}
