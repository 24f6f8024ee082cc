using System.Text.Json;
using ClimateWarn.Server.Configuration;
using ClimateWarn.Server.Hosting;
using ClimateWarn.Server.Tests.Support;
using Microsoft.Extensions.Configuration;

namespace ClimateWarn.Server.Tests.Assess.Models;

public sealed class VerifyCommandTests
{
    private static readonly string Zhongning = Path.Combine(Repo.Root, "data", "stations", "isd-lite", "isdlite_537050-99999-2021_JanApr.txt");

    private static async Task<(int Code, string Output)> VerifyAsync(params string[] args)
    {
        // One writer for both streams, as a terminal shows them: usage errors go to standard error.
        var output = new StringWriter();
        var code = await Commands.RunAsync(["verify", .. args],
            c => c.AddInMemoryCollection(new Dictionary<string, string?> { ["Paths:Data"] = Repo.TempDirectory() }), output, output);
        return (code, output.ToString());
    }

    [Fact]
    public async Task Verify_CommittedZhongningRecord_PrintsTheTablePerLead()
    {
        var (code, output) = await VerifyAsync("--hazard", "frost", "--isd-lite", Zhongning);

        Assert.Equal(0, code);
        foreach (var lead in new[] { "  24 | ", "  48 | " })
        {
            foreach (var who in new[] { "model", "climatology", "persistence", "rule on persistence" })
            {
                Assert.Contains(lead + who, output, StringComparison.Ordinal);
            }
        }

        Assert.Contains("in-season cases fall in the model's training period", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_Json_GivesTheScores()
    {
        // Values in the --key=value form; the other tests use --key value.
        var (code, output) = await VerifyAsync("--hazard=frost", "--json", $"--isd-lite={Zhongning}");

        Assert.Equal(0, code);
        using var doc = JsonDocument.Parse(output);
        var skill = doc.RootElement.GetProperty("skill").EnumerateArray().ToList();
        Assert.Equal(8, skill.Count);
        Assert.All(skill, s => Assert.True(s.GetProperty("cases").GetInt32() > 0));
    }

    [Theory]
    [InlineData("--hazard", "tornado", "--isd-lite", "{file}", "unknown hazard 'tornado'")]
    [InlineData("--hazard", "flood", "--isd-lite", "{file}", "flood was trained on SYNTHETIC weather")]
    [InlineData("--hazard", "frost", "--isd-lite", "/nonexistent/isdlite_000000.txt", "file not found: /nonexistent/isdlite_000000.txt")]
    [InlineData("--hazard", "frost", "name the station records")]
    public async Task Verify_BadArguments_SayWhy(params string[] argsAndMessage)
    {
        var args = argsAndMessage[..^1].Select(a => a.Replace("{file}", Zhongning, StringComparison.Ordinal)).ToArray();

        var (code, output) = await VerifyAsync(args);

        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains(argsAndMessage[^1], output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_RecordWithGaps_SaysThereIsNothingToVerify()
    {
        // Only the 00 and 12 UTC readings survive: no day has four readings, so no case can be verified.
        var gappy = Path.Combine(Repo.TempDirectory(), "isdlite_537050-99999-gaps.txt");
        await File.WriteAllLinesAsync(gappy, File.ReadLines(Zhongning).Where(l => l[11..13] is "00" or "12"));

        var (code, output) = await VerifyAsync("--hazard", "frost", "--isd-lite", gappy);

        Assert.Equal(1, code);
        Assert.Contains("no verifiable case", output, StringComparison.Ordinal);
    }
}
