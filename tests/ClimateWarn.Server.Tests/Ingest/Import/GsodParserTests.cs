using ClimateWarn.Core.TimeSeries;
using ClimateWarn.Server.Ingest.Import;

namespace ClimateWarn.Server.Tests.Ingest.Import;

public sealed class GsodParserTests
{
    private const string FileName = "gsod_53705099999_2021_spring.csv";

    private const string Header = "\"STATION\",\"DATE\",\"LATITUDE\",\"LONGITUDE\",\"ELEVATION\",\"NAME\",\"TEMP\",\"TEMP_ATTRIBUTES\",\"DEWP\",\"DEWP_ATTRIBUTES\","
        + "\"SLP\",\"SLP_ATTRIBUTES\",\"STP\",\"STP_ATTRIBUTES\",\"VISIB\",\"VISIB_ATTRIBUTES\",\"WDSP\",\"WDSP_ATTRIBUTES\",\"MXSPD\",\"GUST\","
        + "\"MAX\",\"MAX_ATTRIBUTES\",\"MIN\",\"MIN_ATTRIBUTES\",\"PRCP\",\"PRCP_ATTRIBUTES\",\"SNDP\",\"FRSHTT\"";

    /// <summary>A good row; the theory rows below break one thing in it each.</summary>
    private const string Good = "\"53705099999\",\"2021-03-21\",\"37.4833333\",\"105.6833333\",\"1193.0\",\"ZHONGNING, CH\",\"  36.5\",\"7\",\"   9.9\",\"7\","
        + "\"1031.2\",\"7\",\"887.9\",\"7\",\" 14.3\",\"7\",\"  3.9\",\"7\",\"  7.8\",\"999.9\",\"  48.6\",\" \",\"  25.5\",\" \",\" 0.00\",\"I\",\"999.9\",\"000000\"";

    private static readonly DateTimeOffset March20 = new(2021, 3, 20, 0, 0, 0, TimeSpan.Zero);

    private static List<ImportItem> ParseFixture()
    {
        using var reader = new StreamReader(Path.Combine(AppContext.BaseDirectory, "Fixtures", "import", FileName));
        return [.. new GsodParser().Parse(reader, FileName)];
    }

    private static List<ImportItem> ParseText(string text) => [.. new GsodParser().Parse(new StringReader(text), "broken.csv")];

    [Fact]
    public void Parse_HandMadeZhongningFile_ReadsEveryRowAsUtcDays()
    {
        var items = ParseFixture();

        Assert.All(items, i => Assert.Null(i.Problem));
        var points = items.Select(i => i.Point!).ToList();
        Assert.Equal(5, points.Count);
        Assert.Equal(March20, points[0].Timestamp);
        Assert.Equal(new DateTimeOffset(2021, 4, 13, 0, 0, 0, TimeSpan.Zero), points[^1].Timestamp);
        Assert.All(points, p =>
        {
            Assert.Equal("observation_daily", p.Measurement);
            Assert.Equal("station:53705", p.Tags[Tags.Place]);
            Assert.Equal("gsod", p.Tags[Tags.Source]);
            Assert.Null(p.Problem());
        });
    }

    [Fact]
    public void Parse_KnownValues_ConvertsFahrenheitInchesKnotsAndMiles()
    {
        var april13 = ParseFixture()[^1].Point!.Fields;
        var march20 = ParseFixture()[0].Point!.Fields;

        Assert.Equal(0.0, april13["temperature_2m_min"], 6);           // 32.0 °F
        Assert.Equal(2.54, april13["precipitation_sum"], 6);           // 0.10 in
        Assert.Equal(5.144, april13["wind_speed_10m_mean"], 3);        // 10.0 kn
        Assert.Equal(25.3 * 0.514444, april13["wind_gusts_10m_max"], 3);
        Assert.Equal(-0.889, march20["temperature_2m_min"], 3);        // 30.4 °F
        Assert.Equal(-10.0, march20["dew_point_2m_mean"], 6);          // 14.0 °F
        Assert.Equal(12.4 * 1609.344, march20["visibility_mean"], 3);  // 12.4 mi
        Assert.Equal(0.0, march20["precipitation_sum"]);
    }

    [Fact]
    public void Parse_MissingSentinels_AreSkippedNeverStored()
    {
        var items = ParseFixture();

        Assert.False(items[0].Point!.Fields.ContainsKey("wind_gusts_10m_max"));   // GUST 999.9
        Assert.False(items[^1].Point!.Fields.ContainsKey("visibility_mean"));     // VISIB 999.9
        Assert.All(items, i => Assert.All(i.Point!.Fields.Values, v => Assert.True(double.IsFinite(v))));
    }

    [Fact]
    public void Parse_QuotedCommaInName_StaysOneField()
    {
        var cells = GsodParser.SplitCsv("\"53705099999\",\"ZHONGNING, CH\",\"say \"\"hi\"\"\",,7", out var error);

        Assert.Null(error);
        Assert.Equal(["53705099999", "ZHONGNING, CH", "say \"hi\"", "", "7"], cells);
    }

    [Fact]
    public void Parse_ColumnsInAnotherOrderAfterAByteOrderMark_AreFoundByHeaderName()
    {
        var items = ParseText("\uFEFF\"PRCP\",\"DATE\",\"STATION\",\"MAX\"\n\" 0.10\",\"2021-04-13\",\"53705099999\",\"9999.9\"\n");

        var point = Assert.Single(items).Point!;
        Assert.Equal(2.54, point.Fields["precipitation_sum"], 6);
        Assert.Single(point.Fields);
    }

    [Theory]
    [InlineData("\"53705099999\",\"2021-03-21\",\"37.4833333\"", "expected 28 fields as in the header, found 3")]
    [InlineData("\"53705099999\",\"2021-02-30\",\"37.4833333\",\"105.6833333\",\"1193.0\",\"ZHONGNING, CH\",\"  36.5\",\"7\",\"   9.9\",\"7\",\"1031.2\",\"7\",\"887.9\",\"7\",\" 14.3\",\"7\",\"  3.9\",\"7\",\"  7.8\",\"999.9\",\"  48.6\",\" \",\"  25.5\",\" \",\" 0.00\",\"I\",\"999.9\",\"000000\"", "date '2021-02-30' is not a real")]
    [InlineData("\"53705099999\",\"2021-03-21\",\"37.4833333\",\"105.6833333\",\"1193.0\",\"ZHONGNING, CH\",\"  3x.5\",\"7\",\"   9.9\",\"7\",\"1031.2\",\"7\",\"887.9\",\"7\",\" 14.3\",\"7\",\"  3.9\",\"7\",\"  7.8\",\"999.9\",\"  48.6\",\" \",\"  25.5\",\" \",\" 0.00\",\"I\",\"999.9\",\"000000\"", "TEMP '3x.5' is not a number")]
    [InlineData("\"53705099999\",\"2021-03-21\",\"37.4833333\",\"105.6833333\",\"1193.0\",\"ZHONGNING, CH\",\"  36.5\",\"7\",\"   9.9\",\"7\",\"1031.2\",\"7\",\"887.9\",\"7\",\" 14.3\",\"7\",\"  3.9\",\"7\",\"  7.8\",\"999.9\",\" 199.0\",\" \",\"  25.5\",\" \",\" 0.00\",\"I\",\"999.9\",\"000000\"", "MAX 199: temperature_2m_max = 92.778 is not physically plausible")]
    [InlineData("\"53705099999\",\"2021-03-21\",\"37.4833333\",\"105.6833333\",\"1193.0\",\"ZHONGNING, CH\",\"9999.9\",\"0\",\"9999.9\",\"0\",\"9999.9\",\"0\",\"9999.9\",\"0\",\"999.9\",\"0\",\"999.9\",\"0\",\"999.9\",\"999.9\",\"9999.9\",\" \",\"9999.9\",\" \",\"99.99\",\" \",\"999.9\",\"000000\"", "no values")]
    [InlineData("\"53705199999\",\"2021-03-21\",\"37.4833333\",\"105.6833333\",\"1193.0\",\"ZHONGNING, CH\",\"  36.5\",\"7\",\"   9.9\",\"7\",\"1031.2\",\"7\",\"887.9\",\"7\",\" 14.3\",\"7\",\"  3.9\",\"7\",\"  7.8\",\"999.9\",\"  48.6\",\" \",\"  25.5\",\" \",\" 0.00\",\"I\",\"999.9\",\"000000\"", "not an 11-digit USAF+WBAN id of a WMO station")]
    [InlineData("\"53705099999\",\"2021-03-21\",\"37.4833333\",\"105.6833333\",\"1193.0\",\"ZHONGNING, CH,\"  36.5\",\"7\"", "text after the closing quote of field 6")]
    [InlineData("\"53705099999\",\"2021-03-21\",\"ZHONGNING, CH", "field 3 opens a quote that the line never closes")]
    public void Parse_BrokenLine_IsRejectedWithFileLineAndReason(string line, string reason)
    {
        var items = ParseText(string.Join("\n", Header, Good, line, Good));

        Assert.Equal(2, items.Count(i => i.Point is not null));
        var problem = Assert.Single(items, i => i.Problem is not null).Problem!;
        Assert.Equal(("broken.csv", 3), (problem.File, problem.Line));
        Assert.Contains(reason, problem.Reason, StringComparison.Ordinal);
        Assert.Null(items[1].Point);
    }

    [Theory]
    [InlineData("", 0, "the file is empty")]
    [InlineData("\"USAF\",\"WBAN\",\"YEARMODA\"\n1,2,3", 1, "lacks the STATION and DATE columns")]
    public void Parse_NoUsableHeader_YieldsOneProblem(string text, int line, string reason)
    {
        var problem = Assert.Single(ParseText(text)).Problem!;

        Assert.Equal(line, problem.Line);
        Assert.Contains(reason, problem.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Format_IsGsod() => Assert.Equal("gsod", new GsodParser().Format);
}
