using ClimateWarn.Core.TimeSeries;
using ClimateWarn.Server.Ingest.Import;

namespace ClimateWarn.Server.Tests.Ingest.Import;

public sealed class CmaDailyParserTests
{
    private const string TemFile = "SURF_CLI_CHN_MUL_DAY-TEM-12001-202103.TXT";
    private const string PreFile = "SURF_CLI_CHN_MUL_DAY-PRE-13011-202104.TXT";
    private const string WinFile = "SURF_CLI_CHN_MUL_DAY-WIN-11002-202103.TXT";
    private const string Station = "53705  3729  10541   11930";

    private static List<ImportItem> ParseFixture(string name)
    {
        using var reader = new StreamReader(Path.Combine(AppContext.BaseDirectory, "Fixtures", "import", name));
        return [.. new CmaDailyParser().Parse(reader, name)];
    }

    private static List<ImportItem> ParseText(string file, params string[] lines) =>
        [.. new CmaDailyParser().Parse(new StringReader(string.Join("\n", lines)), file)];

    private static string Pre(string values, string qc = "0 0 0") => $"{Station} 2021 4 2 {values} {qc}";

    [Fact]
    public void Parse_TemperatureFile_ReadsTenthsOfDegreesAtBeijingMidnight()
    {
        var items = ParseFixture(TemFile);

        Assert.All(items, i => Assert.Null(i.Problem));
        var first = items[0].Point!;
        Assert.Equal(new DateTimeOffset(2021, 3, 18, 0, 0, 0, TimeSpan.FromHours(8)), first.Timestamp);
        Assert.Equal(new DateTimeOffset(2021, 3, 17, 16, 0, 0, TimeSpan.Zero), first.Timestamp);
        Assert.Equal(("observation_daily", "station:53705", "cma-daily"), (first.Measurement, first.Tags[Tags.Place], first.Tags[Tags.Source]));
        Assert.Equal(7.0, first.Fields["temperature_2m_mean"]);
        Assert.Equal(10.1, first.Fields["temperature_2m_max"]);
        Assert.Equal(4.4, first.Fields["temperature_2m_min"]);
        Assert.Equal(-3.6, items[3].Point!.Fields["temperature_2m_min"]);   // the frost night of 21 March
    }

    [Fact]
    public void Parse_MissingMean_IsSkippedAndTheRestKept()
    {
        var march25 = ParseFixture(TemFile)[^1].Point!;

        Assert.Equal(["temperature_2m_max", "temperature_2m_min"], march25.Fields.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Parse_PrecipitationFile_ReadsTraceFogAndMixedCodes()
    {
        var items = ParseFixture(PreFile);

        double? Sum(int index) => items[index].Point?.Fields["precipitation_sum"];
        Assert.Equal(0.0, Sum(0));
        Assert.Equal(11.0, Sum(1));
        Assert.Equal(0.0, Sum(2));      // 32700 trace
        Assert.Equal(0.1, Sum(4));
        Assert.Equal(0.3, Sum(5));      // 32003 fog, dew or frost only
        Assert.Equal(9.0, Sum(6));      // 31090 rain and snow
        var missing = Assert.Single(items, i => i.Problem is not null).Problem!;
        Assert.Equal((PreFile, 4), (missing.File, missing.Line));
        Assert.Contains("no values", missing.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0 0 0", 0.0)]
    [InlineData("0 32700 32700", 0.0)]
    [InlineData("0 32003 32003", 0.3)]
    [InlineData("31035 31055 31090", 9.0)]
    [InlineData("30004 30016 30020", 2.0)]
    [InlineData("32766 1234 32766", null)]
    [InlineData("0 0 32744", null)]
    [InlineData("14999 0 14999", 1499.9)]
    public void Parse_PrecipitationCodes_ReadAsTheDescriptionDefines(string values, double? expected)
    {
        var item = Assert.Single(ParseText(PreFile, Pre(values)));

        Assert.Equal(expected, item.Point?.Fields.GetValueOrDefault("precipitation_sum"));
        if (expected is null)
        {
            Assert.Contains("no values", item.Problem!.Reason, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData(PreFile, "0 0 33001 0 0 0", "20-20 h precipitation: code 33001 is not defined for PRE")]
    [InlineData(PreFile, "29999 0 0 0 0 0", "20-08 h precipitation 29999: precipitation_sum = 2999.9 is not physically plausible")]
    [InlineData(PreFile, "0 -5 0 0 0 0", "08-20 h precipitation: code -5 is not defined for PRE")]
    [InlineData(TemFile, "32700 100 20 0 0 0", "mean temperature: code 32700 is not defined for TEM")]
    [InlineData(TemFile, "70 650 20 0 0 0", "maximum temperature 650: temperature_2m_max = 65 is not physically plausible")]
    [InlineData(WinFile, "23 56 4 31000 4 0 0 0 0 0", "extreme wind speed: code 31000 is not defined for WIN")]
    public void Parse_UndefinedCodeOrAbsurdValue_IsRejectedNamingIt(string file, string values, string reason)
    {
        var problem = Assert.Single(ParseText(file, $"{Station} 2021 4 2 {values}")).Problem!;

        Assert.Equal((file, 1), (problem.File, problem.Line));
        Assert.Contains(reason, problem.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("53705  3729  10541   11930 2021  3 21  25  92 0 0 0", "expected 13 columns for TEM, found 12")]
    [InlineData("53705  3729  10541   11930 2021  2 30  25  92 -36 0 0 0", "no such date 2021-2-30")]
    [InlineData("53705  3729  10541   11930 2021  3 21  2x  92 -36 0 0 0", "column 8 '2x' is not an integer")]
    [InlineData("53705  37.5  10541   11930 2021  3 21  25  92 -36 0 0 0", "column 2 '37.5' is not an integer")]
    [InlineData("5370   3729  10541   11930 2021  3 21  25  92 -36 0 0 0", "station '5370' is not a 5-digit station number")]
    [InlineData("53705  3729  10541   11930 2021  3 21  25  92 -36 0 12 0", "column 12 '12' is not a quality-control digit")]
    public void Parse_BrokenLine_IsRejectedWithFileLineAndReason(string line, string reason)
    {
        var good = "53705  3729  10541   11930 2021  3 20  38  80  -9 0 0 0";

        var items = ParseText(TemFile, good, line, good);

        Assert.Equal(2, items.Count(i => i.Point is not null));
        var problem = items[1].Problem!;
        Assert.Equal((TemFile, 2), (problem.File, problem.Line));
        Assert.Contains(reason, problem.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_WindFile_MapsMeanMaximumAndExtremeSpeeds()
    {
        var items = ParseFixture(WinFile);

        Assert.All(items, i => Assert.Null(i.Problem));
        var march15 = items[0].Point!.Fields;
        Assert.Equal(5.8, march15["wind_speed_10m_mean"]);
        Assert.Equal(12.1, march15["wind_speed_10m_max"]);
        Assert.Equal(20.3, march15["wind_gusts_10m_max"]);
        Assert.Equal(3, march15.Count);
    }

    [Theory]
    [InlineData("23 1400 4 1452 4 0 0 0 0 0", "wind_speed_10m_max", 40.0)]   // +1000: beyond the instrument's range
    [InlineData("23 56 4 92 4 0 0 0 2 0", "wind_gusts_10m_max", null)]       // QC 2: flagged wrong by CMA
    [InlineData("23 56 4 32766 4 0 0 0 8 0", "wind_gusts_10m_max", null)]
    public void Parse_WindSpecialValues_ReadAsDescribed(string values, string field, double? expected)
    {
        var point = Assert.Single(ParseText(WinFile, $"{Station} 2021 3 18 {values}")).Point!;

        Assert.Equal(expected, point.Fields.TryGetValue(field, out var v) ? v : null);
        Assert.Equal(2.3, point.Fields["wind_speed_10m_mean"]);
    }

    [Theory]
    [InlineData("SURF_CLI_CHN_MUL_DAY-RHU-13003-202103.TXT", "RHU (relative humidity) is not supported")]
    [InlineData("SURF_CLI_CHN_MUL_DAY-PRS-10004-202103.TXT", "PRS (station pressure) is not supported")]
    [InlineData("SURF_CLI_CHN_MUL_DAY-SSD-14032-202103.TXT", "SSD (sunshine duration) is not supported")]
    [InlineData("SURF_CLI_CHN_MUL_DAY-GST-12030-0cm-202103.TXT", "GST (0 cm ground temperature) is not supported")]
    [InlineData("SURF_CLI_CHN_MUL_DAY-EVP-13240-202103.TXT", "EVP (evaporation) is not supported")]
    public void Parse_OtherElementGroups_AreRefusedOnceWithAReason(string file, string reason)
    {
        var problem = Assert.Single(ParseText(file, $"{Station} 2021 3 18 55 20 0 0", $"{Station} 2021 3 19 60 25 0 0")).Problem!;

        Assert.Equal(0, problem.Line);
        Assert.Contains(reason, problem.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_NoNameHint_ReadsSeventeenColumnsAsWindButRefusesAmbiguousThirteen()
    {
        var wind = ParseText("station.txt", $"{Station} 2021 3 18 23 56 4 92 4 0 0 0 0 0");
        var ambiguous = ParseText("station.txt", $"{Station} 2021 3 18 70 101 44 0 0 0", $"{Station} 2021 3 19 52 77 15 0 0 0");

        Assert.Equal(9.2, Assert.Single(wind).Point!.Fields["wind_gusts_10m_max"]);
        var problem = Assert.Single(ambiguous).Problem!;
        Assert.Equal(1, problem.Line);
        Assert.Contains("13 columns fit TEM, PRE, PRS, GST", problem.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_GroupPassedExplicitly_OverridesTheFileName()
    {
        var items = new CmaDailyParser("PRE").Parse(new StringReader(Pre("32 78 110")), "renamed.txt").ToList();

        Assert.Equal(11.0, Assert.Single(items).Point!.Fields["precipitation_sum"]);
    }

    [Fact]
    public void Constructor_UnknownGroup_Throws() => Assert.Throws<ArgumentException>(() => new CmaDailyParser("XYZ"));

    [Fact]
    public void Format_IsCmaDaily() => Assert.Equal("cma-daily", new CmaDailyParser().Format);
}
