using System.Text.Json.Nodes;
using ClimateWarn.Server.Configuration;
using ClimateWarn.Server.Hosting;
using ClimateWarn.Server.Tests.Support;
using Microsoft.Extensions.Configuration;

namespace ClimateWarn.Server.Tests.Bureau;

/// <summary>`check-config` loads a bureau's configuration as the server would and says what it holds and what it lacks.</summary>
public sealed class CheckConfigTests
{
    [Fact]
    public async Task Baiyin_IsSummarised_WithWhatItLacks()
    {
        var output = new StringWriter();
        var error = new StringWriter();

        var code = await Commands.RunAsync(["check-config", "--Paths:Config=config-examples/baiyin"], Data(), output, error);

        Assert.True(code == 0, error.ToString());
        var text = output.ToString();
        Assert.Contains("620400 白银市 / Baiyin · 白银市气象台", text, StringComparison.Ordinal);
        Assert.Contains("Districts 区县 (5):", text, StringComparison.Ordinal);
        Assert.Matches(@"620423 景泰县 / Jingtai County: seat 104\.0664, 37\.1935; \d+ grid cells; station 53705 中宁, ISD-Lite 537050", text);
        Assert.Contains("Townships 乡镇: none; farmers subscribe by district", text, StringComparison.Ordinal);
        Assert.Contains("Crops 作物 (4): goji 枸杞, grain 灌区粮食, potato 马铃薯, greenhouse 设施蔬菜", text, StringComparison.Ordinal);
        Assert.Contains("frost 霜冻: 2026.1/ningxia", text, StringComparison.Ordinal);
        Assert.Contains("city.capSender is not set: CAP documents are sent as 620400416", text, StringComparison.Ordinal);
        Assert.Contains("OK: the server would start", text, StringComparison.Ordinal);
        Assert.DoesNotContain("中卫", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Zhongwei_HasItsTownshipsAndSender()
    {
        var output = new StringWriter();

        var code = await Commands.RunAsync(["check-config"], Data(), output, new StringWriter());

        Assert.Equal(0, code);
        Assert.Contains("Townships 乡镇: 46; farmers subscribe by township", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("CAP sender: 640500416.weather.zhongwei.gov.cn (city.capSender)", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task BrokenConfig_IsRefusedLikeTheServer_Exit78()
    {
        var config = Repo.CopyOfConfig();
        var file = Path.Combine(config, "districts.json");
        var node = JsonNode.Parse(File.ReadAllText(file))!;
        node["city"]!["defaultDistrict"] = "640599";
        File.WriteAllText(file, node.ToJsonString());
        var error = new StringWriter();

        var code = await Commands.RunAsync(["check-config", $"--Paths:Config={config}"], Data(), new StringWriter(), error);

        Assert.Equal(ExitCodes.ConfigurationError, code);
        Assert.Contains("city.defaultDistrict = '640599' is not a configured district", error.ToString(), StringComparison.Ordinal);
        Assert.Contains("would refuse to start", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnotherBureausDataDirectory_IsRefusedAtStart_AndNamedByCheckConfig()
    {
        var data = Repo.TempDirectory();
        await using (await RunningServer.StartAsync(replay: true, new Dictionary<string, string?> { ["Paths:Data"] = data, ["Replay:Start"] = "Manual" }))
        {
        }

        var refused = await Assert.ThrowsAsync<StartupConfigurationException>(() => RunningServer.StartAsync(replay: true, new Dictionary<string, string?>
        {
            ["Paths:Data"] = data,
            ["Paths:Config"] = Path.Combine(Repo.Root, "config-examples", "baiyin"),
            ["Replay:Start"] = "Manual",
        }));
        Assert.Contains("holds the data of bureau 640500 中卫市 Zhongwei, and this configuration is 620400 白银市 Baiyin", refused.Message, StringComparison.Ordinal);

        var output = new StringWriter();
        await Commands.RunAsync(["check-config", "--Paths:Config=config-examples/baiyin"], c => c.AddInMemoryCollection(new Dictionary<string, string?> { ["Paths:Data"] = data }), output, new StringWriter());
        Assert.Contains($"the data directory {data} belongs to bureau 640500", output.ToString(), StringComparison.Ordinal);
    }

    private static Action<IConfigurationBuilder> Data() =>
        c => c.AddInMemoryCollection(new Dictionary<string, string?> { ["Paths:Data"] = Repo.TempDirectory() });
}
