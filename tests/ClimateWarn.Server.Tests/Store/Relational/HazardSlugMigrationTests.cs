using System.Net.Http.Json;
using System.Text.Json;
using ClimateWarn.Core.Hazards;
using ClimateWarn.Core.Hazards.ColdWave;
using ClimateWarn.Server.Tests.Support;
using ClimateWarn.Server.Warn;
using Microsoft.Data.Sqlite;

namespace ClimateWarn.Server.Tests.Store.Relational;

/// <summary>A warnings database written before hazards had slugs ("coldWave") reads back whole after the upgrade.</summary>
public sealed class HazardSlugMigrationTests
{
    [Fact]
    public async Task LegacyColdWaveMessagesAndDrafts_AreRewrittenToTheSlug_AndTheBoardRestoresThem()
    {
        var settings = new Dictionary<string, string?> { ["Replay:Start"] = "Manual" };
        string data;
        string id;
        await using (var first = await RunningServer.StartAsync(replay: true, settings))
        {
            await first.Service<WarningBoard>().StepAsync(0, SignalLevel.Blue, value: -9, hazard: ColdWaveHazard.Id);
            id = Assert.Single(await first.AllMessagesAsync()).Id;
            data = first.DataDirectory;
        }

        // Make it the database an earlier version left: the enum name in the JSON, the data migration not yet applied.
        await using (var connection = new SqliteConnection($"Data Source={Path.Combine(data, "warnings.sqlite")};Pooling=False"))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = """
                UPDATE warning_messages SET Json = REPLACE(Json, '"hazard":"cold-wave"', '"hazard":"coldWave"');
                DELETE FROM __EFMigrationsHistory WHERE MigrationId = '20261204000000_HazardSlugs';
                SELECT COUNT(*) FROM warning_messages WHERE Json LIKE '%"hazard":"coldWave"%';
                """;
            Assert.Equal(1L, (long)(await command.ExecuteScalarAsync())!);
        }

        settings["Paths:Data"] = data;
        await using var second = await RunningServer.StartAsync(replay: true, settings);
        var detail = await second.Http.GetFromJsonAsync<JsonElement>($"/api/warnings/{id}");
        Assert.Equal("cold-wave", detail.GetProperty("warning").GetProperty("hazard").GetString());
        var active = await second.Http.GetFromJsonAsync<JsonElement>("/api/warnings?active=true");
        Assert.Contains(active.GetProperty("warnings").EnumerateArray(), w => w.GetProperty("id").GetString() == id);
    }
}
