using System.Net.Http.Json;
using System.Text.Json;
using ClimateWarn.Server.Tests.Support;

namespace ClimateWarn.Server.Tests.Assess.Rules;

/// <summary>GET /api/hazards lists every hazard in force with its levels; a hazard disabled by configuration is left out.</summary>
public sealed class HazardsEndpointTests
{
    [Fact]
    public async Task GetHazards_ListsTheNewSignalsWithTheirLevels_LeavesOutDisabledTyphoon()
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
        Assert.Equal(15, listed.Count);   // every national signal but typhoon, flash-flood risk and fire danger
        Assert.DoesNotContain("typhoon", listed.Keys);
    }
}
