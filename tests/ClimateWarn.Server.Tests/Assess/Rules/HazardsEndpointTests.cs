using System.Net.Http.Json;
using System.Text.Json;
using ClimateWarn.Server.Tests.Support;

namespace ClimateWarn.Server.Tests.Assess.Rules;

/// <summary>GET /api/hazards lists every registered hazard with its levels; one disabled by configuration is marked inForce false.</summary>
public sealed class HazardsEndpointTests
{
    [Fact]
    public async Task GetHazards_ListsEverySignalWithItsLevels_TyphoonAsDisabled()
    {
        await using var server = await RunningServer.StartAsync(replay: true, new Dictionary<string, string?>
        {
            ["Paths:Replay"] = Path.Combine(Repo.Root, "data", "stations", "isd-lite"),
            ["Replay:Start"] = "Manual",
        });

        var hazards = await server.Http.GetFromJsonAsync<JsonElement>("/api/hazards").WaitAsync(TimeSpan.FromSeconds(30));
        var listed = hazards.EnumerateArray().ToDictionary(
            h => h.GetProperty("hazard").GetString()!,
            h => (Code: h.GetProperty("code").GetString(), Levels: string.Join(",", h.GetProperty("levels").EnumerateArray().Select(l => l.GetString()))));

        Assert.Equal(("03", "blue,yellow,orange,red"), listed["blizzard"]);
        Assert.Equal(("14", "yellow,orange,red"), listed["road-icing"]);
        Assert.Equal(("12", "yellow,orange,red"), listed["fog"]);
        Assert.Equal(("13", "yellow,orange,red"), listed["haze"]);
        Assert.Equal(("06", "yellow,orange,red"), listed["sandstorm"]);
        Assert.Equal(("09", "yellow,orange,red"), listed["thunder"]);
        Assert.Equal(("10", "orange,red"), listed["hail"]);
        Assert.Equal(("08", "orange,red"), listed["drought"]);
        Assert.Equal(("91", "blue,yellow,orange,red"), listed["flash-flood"]);
        Assert.Equal(("92", "orange,red"), listed["forest-fire"]);
        // Every registered signal: the national ones, flash-flood risk and fire danger in force, typhoon listed as disabled.
        var inForce = hazards.EnumerateArray().Where(h => h.GetProperty("inForce").GetBoolean()).Select(h => h.GetProperty("hazard").GetString()).ToList();
        Assert.Equal(15, inForce.Count);
        Assert.DoesNotContain("typhoon", inForce);
        Assert.Equal(16, listed.Count);
        Assert.Equal(("01", "blue,yellow,orange,red"), listed["typhoon"]);
        var typhoon = hazards.EnumerateArray().Single(h => h.GetProperty("hazard").GetString() == "typhoon");
        Assert.Equal(JsonValueKind.Null, typhoon.GetProperty("table").ValueKind);
    }
}
