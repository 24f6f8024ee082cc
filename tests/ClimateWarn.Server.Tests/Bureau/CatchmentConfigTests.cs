using ClimateWarn.Server.Bureau;
using ClimateWarn.Server.Configuration;
using ClimateWarn.Server.Hosting;
using ClimateWarn.Server.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace ClimateWarn.Server.Tests.Bureau;

/// <summary>A district's flood catchment comes from config/districts.json; an impossible value refuses start-up naming the field.</summary>
public sealed class CatchmentConfigTests
{
    /// <summary>A copy of config/ with one value of Zhongning's catchment (its line in districts.json) replaced.</summary>
    private static string ConfigWith(string from, string to)
    {
        var copy = Repo.CopyOfConfig();
        var file = Path.Combine(copy, "districts.json");
        var lines = File.ReadAllLines(file);
        var i = Array.FindIndex(lines, l => l.Contains("Honglinggou", StringComparison.Ordinal));
        Assert.Contains(from, lines[i], StringComparison.Ordinal);
        lines[i] = lines[i].Replace(from, to, StringComparison.Ordinal);
        File.WriteAllLines(file, lines);
        return copy;
    }

    [Theory]
    [InlineData("\"areaKm2\": 400", "\"areaKm2\": 0", "640521.catchment.areaKm2 = 0: must be greater than 0")]
    [InlineData("\"runoffMin\": 0.05", "\"runoffMin\": -0.05", "640521.catchment.runoffMin = -0.05: must be between 0 and 1")]
    [InlineData("\"runoffMax\": 0.40", "\"runoffMax\": 0.04", "640521.catchment.runoffMax = 0.04: must be between runoffMin (0.05) and 1")]
    [InlineData("\"runoffMax\": 0.40", "\"runoffMax\": 1.01", "640521.catchment.runoffMax = 1.01: must be between runoffMin (0.05) and 1")]
    [InlineData("\"apiDecay\": 0.90", "\"apiDecay\": 1", "640521.catchment.apiDecay = 1: must be greater than 0 and less than 1")]
    [InlineData("\"apiDecay\": 0.90", "\"apiDecay\": 0", "640521.catchment.apiDecay = 0: must be greater than 0 and less than 1")]
    [InlineData("\"reservoirRecession\": 0.60", "\"reservoirRecession\": 1", "640521.catchment.reservoirRecession = 1: must be greater than 0 and less than 1")]
    [InlineData("\"floodThresholdM3s\": 6", "\"floodThresholdM3s\": 0", "640521.catchment.floodThresholdM3s = 0: must be greater than 0")]
    [InlineData("\"apiSaturationMm\": 60", "\"apiSaturationMm\": 0", "640521.catchment.apiSaturationMm = 0: must be greater than 0")]
    public void ImpossibleCatchmentValue_RefusesToLoad_NamingFileDistrictFieldLimitAndValue(string from, string to, string problem)
    {
        var refused = Assert.Throws<StartupConfigurationException>(() => PlacesLoader.Load(ConfigWith(from, to)));

        Assert.Equal("districts.json: " + problem, Assert.Single(refused.Problems));
    }

    [Theory]
    [InlineData("\"runoffMin\": 0.05", "\"runoffMin\": 0")]
    [InlineData("\"runoffMax\": 0.40", "\"runoffMax\": 1")]
    [InlineData("\"runoffMax\": 0.40", "\"runoffMax\": 0.05")]
    public void CatchmentValueAtItsLimit_Loads(string from, string to) =>
        Assert.NotNull(PlacesLoader.Load(ConfigWith(from, to)).GetDistrict("640521").Catchment);

    [Fact]
    public async Task ServerWithAnImpossibleCatchment_ExitsWith78NamingTheField()
    {
        using var error = new StringWriter();
        var code = await ClimateWarnHost.RunAsync(["--replay"], b =>
        {
            b.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Urls"] = "http://127.0.0.1:0",
                ["Paths:Config"] = ConfigWith("\"areaKm2\": 400", "\"areaKm2\": -400"),
                ["Paths:Data"] = Repo.TempDirectory(),
            });
            b.Logging.ClearProviders();
        }, error).WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(ExitCodes.ConfigurationError, code);
        Assert.Contains("districts.json: 640521.catchment.areaKm2 = -400", error.ToString(), StringComparison.Ordinal);
    }
}
