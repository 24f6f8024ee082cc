using ClimateWarn.Core.TimeSeries;
using ClimateWarn.Server.Store.Influx;

namespace ClimateWarn.Server.Tests.Store.Influx;

public sealed class LineProtocolTests
{
    private static readonly DateTimeOffset T = new(2021, 3, 20, 0, 0, 0, TimeSpan.Zero);

    private static TimeSeriesPoint P(string m, Dictionary<string, string> tags, Dictionary<string, double> fields) => new(m, tags, fields, T);

    [Fact]
    public void Encode_SortsTagsAndFieldsAndWritesMilliseconds()
    {
        var line = LineProtocol.Encode(P("observation", new() { ["source"] = "isd-lite", ["place"] = "640521-seat" }, new() { ["wind_speed_10m"] = 2.5, ["temperature_2m"] = -3.6 }));

        Assert.Equal("observation,place=640521-seat,source=isd-lite temperature_2m=-3.6,wind_speed_10m=2.5 1616198400000", line);
    }

    [Theory]
    [InlineData("my measurement", "my\\ measurement")]
    [InlineData("a,b", "a\\,b")]
    [InlineData("a=b", "a=b")] // '=' needs no escape in a measurement
    public void Encode_EscapesMeasurement(string measurement, string expected) =>
        Assert.StartsWith(expected + ",t=v ", LineProtocol.Encode(P(measurement, new() { ["t"] = "v" }, new() { ["f"] = 1 })), StringComparison.Ordinal);

    [Fact]
    public void Encode_EscapesTagKeysValuesAndFieldKeys()
    {
        var line = LineProtocol.Encode(P("m", new() { ["tag key"] = "a place, with=odd" }, new() { ["field,key=x"] = 1 }));

        Assert.Equal("m,tag\\ key=a\\ place\\,\\ with\\=odd field\\,key\\=x=1 1616198400000", line);
    }

    [Theory]
    [InlineData(0.1, "0.1")]
    [InlineData(1e-7, "1E-07")]
    [InlineData(-1234567.125, "-1234567.125")]
    [InlineData(3.0, "3")]
    public void Encode_FieldValuesRoundTripInvariantCulture(double value, string text) =>
        Assert.Contains($" f={text} ", LineProtocol.Encode(P("m", new() { ["t"] = "v" }, new() { ["f"] = value })), StringComparison.Ordinal);

    [Fact]
    public void Encode_LineBreakInATag_Throws() =>
        Assert.Throws<ArgumentException>(() => LineProtocol.Encode(P("m", new() { ["t"] = "a\nb" }, new() { ["f"] = 1 })));

    [Fact]
    public void StringField_EscapesQuotesAndBackslashes() =>
        Assert.Equal("\"say \\\"hi\\\" \\\\o/\"", LineProtocol.StringField("say \"hi\" \\o/"));

    [Fact]
    public void Encode_SamePointTwice_GivesTheSameLine()
    {
        var a = P("m", new() { ["b"] = "2", ["a"] = "1" }, new() { ["y"] = 2, ["x"] = 1 });
        var b = P("m", new() { ["a"] = "1", ["b"] = "2" }, new() { ["x"] = 1, ["y"] = 2 });

        Assert.Equal(LineProtocol.Encode(a), LineProtocol.Encode(b));
    }
}
