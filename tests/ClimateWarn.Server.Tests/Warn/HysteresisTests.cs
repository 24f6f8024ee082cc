using ClimateWarn.Core.Hazards;
using ClimateWarn.Core.Warnings;
using ClimateWarn.Server.Assess;
using ClimateWarn.Server.Tests.Support;
using ClimateWarn.Server.Warn;
using ClimateWarn.Core.Hazards.Frost;

namespace ClimateWarn.Server.Tests.Warn;

/// <summary>A value wobbling around a threshold must not flap: lower levels wait for the hold time (3 h by default).</summary>
public sealed class HysteresisTests
{
    private static readonly DateTimeOffset T0 = new(2021, 3, 20, 0, 0, 0, TimeSpan.Zero);

    private static async Task<IReadOnlyList<Warning>> RunAsync(params (int Minutes, SignalLevel? Level)[] steps)
    {
        await using var server = await RunningServer.StartAsync(replay: true, new Dictionary<string, string?> { ["Replay:Start"] = "Manual", ["Warnings:ApprovalFrom:frost"] = "None" });
        var board = server.Service<WarningBoard>();
        var district = TestPlaces.Zhongning;
        foreach (var (minutes, level) in steps)
        {
            var now = T0.AddMinutes(minutes);
            HazardSignal[] signals = level is { } l ? [new HazardSignal(FrostHazard.Id, l, T0.AddHours(10), T0.AddHours(14), -4, "test")] : [];
            var cells = district.Cells.Select(c => new CellAssessment(c, HasData: true, c.IsSeat ? signals : [])).ToList();
            await board.ApplyAsync([DistrictAssessment.Aggregate(district.Code, now, cells)], now, CancellationToken.None);
        }

        return await server.AllMessagesAsync();
    }

    [Fact]
    public async Task WobblingLevel_DoesNotFlap()
    {
        // Yellow and blue alternate every hour: the yellow warning stands, no downgrade is sent.
        var messages = await RunAsync((0, SignalLevel.Blue), (60, SignalLevel.Yellow), (120, SignalLevel.Blue), (180, SignalLevel.Yellow), (240, SignalLevel.Blue), (300, SignalLevel.Yellow));

        Assert.Equal([(WarningAction.Issued, SignalLevel.Blue), (WarningAction.Upgraded, SignalLevel.Yellow)], messages.Select(m => (m.Action, m.Level)));
    }

    [Fact]
    public async Task LowerLevelHeldForTheHoldTime_DowngradesThenLifts()
    {
        var messages = await RunAsync(
            (0, SignalLevel.Orange), (60, SignalLevel.Yellow), (120, SignalLevel.Yellow), (239, SignalLevel.Yellow), (240, SignalLevel.Yellow),
            (300, null), (480, null), (540, null));

        Assert.Equal([(WarningAction.Issued, SignalLevel.Orange), (WarningAction.Downgraded, SignalLevel.Yellow), (WarningAction.Lifted, SignalLevel.Yellow)],
            messages.Select(m => (m.Action, m.Level)));
        Assert.Equal(T0.AddMinutes(240), messages[1].UpdatedAt);  // yellow since 60 min, held 3 h at 240
        Assert.Equal(T0.AddMinutes(480), messages[2].UpdatedAt);  // gone since 300 min, held 3 h at 480
    }

    [Fact]
    public async Task Upgrade_IsImmediate()
    {
        var messages = await RunAsync((0, SignalLevel.Blue), (1, SignalLevel.Orange));

        Assert.Equal([SignalLevel.Blue, SignalLevel.Orange], messages.Select(m => m.Level));
    }
}
