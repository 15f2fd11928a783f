using System.Text;
using Dispatcher.Core.Json;

namespace Dispatcher.Core.Tests.Json;

/// <summary>
/// Expected values are what Node 20 prints for <c>JSON.stringify(JSON.parse(input))</c>: the bytes
/// a receiver that re-serialises the parsed body signs over.
/// </summary>
public sealed class JsonCanonicalizerTests
{
    [Theory]
    [InlineData("""{"a": 1.0, "b": 50.00, "c": 1E3, "d": -0, "e": 1e21, "f": 1e-7, "g": 0.000001, "i": 2432232314, "k": 0.1, "l": 1.5e300, "m": 5e-324}""",
        """{"a":1,"b":50,"c":1000,"d":0,"e":1e+21,"f":1e-7,"g":0.000001,"i":2432232314,"k":0.1,"l":1.5e+300,"m":5e-324}""")]
    [InlineData("""{"s": "<script>&'\u2028\u2029 é 😀 \u00e9 \ud83d\ude00 \ud800 x\udc00"}""",
        "{\"s\":\"<script>&'\u2028\u2029 é 😀 é 😀 \\ud800 x\\udc00\"}")]
    [InlineData("""{"c": "\u0000\u0001\u001f\u007f\b\f\n\r\t\/\"\\"}""",
        "{\"c\":\"\\u0000\\u0001\\u001f\u007f\\b\\f\\n\\r\\t/\\\"\\\\\"}")]
    [InlineData("""{"b": 1, "2": 2, "1": 3, "a": {"10": 1, "9": 2, "01": 3, "4294967295": 4, "4294967294": 5}, "b": 7}""",
        """{"1":3,"2":2,"b":7,"a":{"9":2,"10":1,"4294967294":5,"01":3,"4294967295":4}}""")]
    [InlineData("""{ "arr" : [ 1 , 2.50 , "x" , null , true , false , { } , [ ] ] }""",
        """{"arr":[1,2.5,"x",null,true,false,{},[]]}""")]
    [InlineData("""{"html":"<a href=\"x\">&amp;</a>","emoji":"👩‍👩‍👧","ar":"مرحبا","dec":19.99,"big":1e+21,"neg":-1.5E-10}""",
        """{"html":"<a href=\"x\">&amp;</a>","emoji":"👩‍👩‍👧","ar":"مرحبا","dec":19.99,"big":1e+21,"neg":-1.5e-10}""")]
    [InlineData("""{"a":-0.0,"b":0.0000001,"c":0.000001,"d":123456789012345.6,"e":1234567890123456,"f":-0.5,"g":100.10}""",
        """{"a":0,"b":1e-7,"c":0.000001,"d":123456789012345.6,"e":1234567890123456,"f":-0.5,"g":100.1}""")]
    [InlineData("""{"a":1,"\u0061":2,"b":{"x":1,"x":[{"y":1,"1":2}]}}""",
        """{"a":2,"b":{"x":[{"1":2,"y":1}]}}""")]
    [InlineData("""{"k0":0,"k1":1,"k2":2,"k3":3,"k4":4,"k5":5,"k6":6,"k7":7,"k8":8,"k9":9,"k10":10,"k11":11,"k12":12,"k13":13,"k14":14,"k15":15,"k16":16,"k17":17,"k18":18,"k19":19,"k3":"last","7":7}""",
        """{"7":7,"k0":0,"k1":1,"k2":2,"k3":"last","k4":4,"k5":5,"k6":6,"k7":7,"k8":8,"k9":9,"k10":10,"k11":11,"k12":12,"k13":13,"k14":14,"k15":15,"k16":16,"k17":17,"k18":18,"k19":19}""")]
    public void Matches_javascript_reserialisation(string input, string expected)
    {
        Assert.Equal(expected, Encoding.UTF8.GetString(JsonCanonicalizer.Canonicalize(Encoding.UTF8.GetBytes(input))));
    }

    [Theory]
    // JavaScript would print 12345678901234567000, 9007199254740992 and null: a different value.
    [InlineData("12345678901234567890")]
    [InlineData("9007199254740993")]
    [InlineData("1e400")]
    [InlineData("1e-400")]
    public void Keeps_numbers_javascript_cannot_hold_exactly(string number)
    {
        string canonical = Encoding.UTF8.GetString(JsonCanonicalizer.Canonicalize(Encoding.UTF8.GetBytes($$"""{"n": {{number}}}""")));
        Assert.Equal($$"""{"n":{{number}}}""", canonical);
    }

    [Theory]
    [InlineData(123.456, "123.456")]
    [InlineData(1e21, "1e+21")]
    [InlineData(1e20, "100000000000000000000")]
    [InlineData(1.2345678e-7, "1.2345678e-7")]
    [InlineData(-2.5e-6, "-0.0000025")]
    [InlineData(9007199254740991, "9007199254740991")]
    public void Prints_numbers_as_ecmascript_does(double value, string expected)
    {
        Assert.Equal(expected, JsNumber.ToJavaScript(value));
    }
}
