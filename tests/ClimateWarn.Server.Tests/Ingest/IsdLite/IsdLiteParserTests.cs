

using ClimateWarn.Server.Ingest.IsdLite;
using ClimateWarn.Server.Tests.Support;

namespace ClimateWarn.Server.Tests.Ingest.IsdLite;

public sealed class IsdLiteParserTests
{
    private static string Record(string usaf) => Path.Combine(Repo.Root, "data", "stations", "isd-lite", $"isdlite_{usaf}-99999-2021_JanApr.txt");

    [Fact]
    public void Parse_RealZhongningRecord_ReadsEveryRow()
    {
        var (records, problems) = IsdLiteParser.ParseFile(Record("537050"));

        Assert.Empty(problems);
        Assert.Equal(737, records.Count);
        var first = records[0];
        Assert.Equal(new DateTimeOffset(2021, 1, 1, 0, 0, 0, TimeSpan.Zero), first.Time);
        Assert.Equal(-11.6, first.AirTemperatureC);
        Assert.Equal(-18.8, first.DewPointC);
        Assert.Equal(1036.3, first.SeaLevelPressureHpa);
        Assert.Equal(2.0, first.WindSpeedMs);
        Assert.Null(first.SkyCover);
        Assert.Equal(0, first.Precipitation6hMm);
        Assert.Equal(new DateTimeOffset(2021, 4, 20, 21, 0, 0, TimeSpan.Zero), records[^1].Time);
    }

    [Fact]
    public void Parse_ZhongningMarch21_HasTheFrostNight()
    {
        var (records, _) = IsdLiteParser.ParseFile(Record("537050"));

        // 21 March 2021, Beijing day: the coldest synoptic reading is below −3 °C (the derived daily file says −3.6).
        var day = records.Where(r => r.Time >= new DateTimeOffset(2021, 3, 20, 16, 0, 0, TimeSpan.Zero) && r.Time < new DateTimeOffset(2021, 3, 21, 16, 0, 0, TimeSpan.Zero));
        Assert.Equal(-3.6, day.Min(r => r.AirTemperatureC));
    }

    [Theory]
    [InlineData("2021 01 01 00  -116  -188 10363   270    20 -9999 -9999", "expected 12 fields, found 11")]
    [InlineData("2021 01 01 00  -116  -188 10363   270    2x -9999 -9999     0", "field 9 '2x' is not an integer")]
    [InlineData("2021 02 30 00  -116  -188 10363   270    20 -9999 -9999     0", "no such date")]
    [InlineData("2021 01 01 24  -116  -188 10363   270    20 -9999 -9999     0", "no such date")]
    public void Parse_BrokenLine_IsRejectedWithFileLineAndReason(string line, string reason)
    {
        var good = "2021 01 01 03   -56  -177 10358   240    20 -9999 -9999     0";

        var (records, problems) = IsdLiteParser.Parse(new StringReader(good + "\n" + line + "\n" + good), "broken.txt");

        Assert.Equal(2, records.Count);
        var problem = Assert.Single(problems);
        Assert.Equal(("broken.txt", 2), (problem.File, problem.Line));
        Assert.Contains(reason, problem.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_AbsurdValueAndTrace_DropsTheValueAndReadsTraceAsZero()
    {
        var (records, problems) = IsdLiteParser.Parse(new StringReader("2021 03 30 06   999  -177 10358   240    20 -9999    -1    -1"), "x.txt");

        var r = Assert.Single(records);
        Assert.Null(r.AirTemperatureC);
        Assert.Equal(0, r.Precipitation6hMm);
        Assert.Contains("air temperature 99.9", Assert.Single(problems).Reason, StringComparison.Ordinal);
    }
}
