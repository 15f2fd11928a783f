using System.Globalization;

namespace Dispatcher.Core.Json;

/// <summary>
/// Writes a JSON number as JavaScript prints it after <c>JSON.parse</c> (ECMAScript Number::toString:
/// shortest round-trip digits, no exponent up to 1e21, <c>1e-7</c>, <c>-0</c> as <c>0</c>), so
/// <c>50.00</c> becomes <c>50</c> and <c>1E3</c> becomes <c>1000</c>. A number JavaScript cannot
/// hold exactly (<c>12345678901234567890</c>, <c>1e400</c>) is kept as the producer wrote it: changing
/// its value would be worse than a receiver that re-serialises not matching.
/// </summary>
public static class JsNumber
{
    public static string Canonicalize(string jsonNumber)
    {
        if (!double.TryParse(jsonNumber, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) || !double.IsFinite(value))
        {
            return jsonNumber;
        }
        string js = ToJavaScript(value);
        return SameValue(jsonNumber, js) ? js : jsonNumber;
    }

    /// <summary>
    /// Whether a JSON number is already what JavaScript prints: plain notation, no superfluous zeros,
    /// not <c>-0</c>, at most 15 significant digits (every such decimal is the shortest round trip of
    /// its double) and not so small that JavaScript switches to an exponent. The common case, checked
    /// without parsing.
    /// </summary>
    public static bool IsCanonical(ReadOnlySpan<byte> raw)
    {
        var s = raw;
        if (s.Length > 0 && s[0] == (byte)'-')
        {
            s = s[1..];
        }
        int dot = s.IndexOf((byte)'.');
        var whole = dot < 0 ? s : s[..dot];
        if (whole.Length == 0 || (whole.Length > 1 && whole[0] == (byte)'0') || !IsDigits(whole))
        {
            return false;
        }
        if (dot < 0)
        {
            // An integer: "-0" prints as 0.
            return whole.Length <= 15 && !(raw[0] == (byte)'-' && whole[0] == (byte)'0');
        }
        var fraction = s[(dot + 1)..];
        if (fraction.Length == 0 || !IsDigits(fraction) || fraction[^1] == (byte)'0')
        {
            return false;
        }
        if (whole[0] != (byte)'0')
        {
            return whole.Length + fraction.Length <= 15;
        }
        // 0.000001 stays plain, 0.0000001 becomes 1e-7.
        int zeros = fraction.IndexOfAnyExcept((byte)'0');
        return zeros < 6 && fraction.Length - zeros <= 15;
    }

    private static bool IsDigits(ReadOnlySpan<byte> s) => s.IndexOfAnyExceptInRange((byte)'0', (byte)'9') < 0;

    /// <summary>ECMAScript Number::toString for a finite double.</summary>
    public static string ToJavaScript(double value)
    {
        if (value == 0)
        {
            return "0";
        }
        // .NET's "R" is the shortest string that round-trips, the same digits ECMAScript asks for.
        bool negative = value < 0;
        var (_, digits, point) = Decompose(Math.Abs(value).ToString("R", CultureInfo.InvariantCulture));
        int k = digits.Length;
        long n = point;
        string text;
        if (k <= n && n <= 21)
        {
            text = digits + new string('0', (int)(n - k));
        }
        else if (0 < n && n <= 21)
        {
            text = digits[..(int)n] + "." + digits[(int)n..];
        }
        else if (-6 < n && n <= 0)
        {
            text = "0." + new string('0', (int)-n) + digits;
        }
        else
        {
            long e = n - 1;
            string exponent = (e < 0 ? "-" : "+") + Math.Abs(e).ToString(CultureInfo.InvariantCulture);
            text = k == 1 ? digits + "e" + exponent : digits[0] + "." + digits[1..] + "e" + exponent;
        }
        return negative ? "-" + text : text;
    }

    /// <summary>Whether two decimal numerals denote the same value (<c>-0</c> equals <c>0</c>).</summary>
    private static bool SameValue(string a, string b)
    {
        var x = Decompose(a);
        var y = Decompose(b);
        if (x.Digits.Length == 0 || y.Digits.Length == 0)
        {
            return x.Digits.Length == y.Digits.Length;
        }
        return x.Negative == y.Negative && x.Digits == y.Digits && x.Point == y.Point;
    }

    /// <summary>
    /// Splits a numeral into sign, significant digits (no leading or trailing zeros; empty for zero)
    /// and the position of the decimal point: the value is 0.<c>Digits</c> × 10^<c>Point</c>.
    /// </summary>
    private static (bool Negative, string Digits, long Point) Decompose(string numeral)
    {
        ReadOnlySpan<char> s = numeral;
        bool negative = s.Length > 0 && s[0] == '-';
        if (negative)
        {
            s = s[1..];
        }
        long exponent = 0;
        int e = s.IndexOfAny('e', 'E');
        if (e >= 0)
        {
            if (!long.TryParse(s[(e + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out exponent))
            {
                // An exponent past long's range: no double equals it, so nothing will compare equal.
                exponent = long.MaxValue / 2;
            }
            s = s[..e];
        }
        int dot = s.IndexOf('.');
        string whole = dot >= 0 ? string.Concat(s[..dot], s[(dot + 1)..]) : s.ToString();
        long point = (dot >= 0 ? dot : s.Length) + exponent;
        int leading = whole.Length - whole.TrimStart('0').Length;
        string digits = whole[leading..].TrimEnd('0');
        return (negative, digits, digits.Length == 0 ? 0 : point - leading);
    }
}
