using ClimateWarn.Core.Hazards;
using ClimateWarn.Core.Places;
using ClimateWarn.Server.Assess;
using ClimateWarn.Server.Warn;
using ClimateWarn.Core.Hazards.Frost;

namespace ClimateWarn.Server.Tests.Support;

/// <summary>Feeds the warning engine one district's frost signal (or none) at the seat, as the pipeline would.</summary>
public static class BoardDriver
{
    public static readonly DateTimeOffset T0 = new(2021, 3, 20, 0, 0, 0, TimeSpan.Zero);

    public static Task StepAsync(this WarningBoard board, int minutes, SignalLevel? level, double value = -4, int validHours = 14, District? district = null,
        string hazard = FrostHazard.Id)
    {
        ArgumentNullException.ThrowIfNull(board);
        var d = district ?? TestPlaces.Zhongning;
        var now = T0.AddMinutes(minutes);
        HazardSignal[] signals = level is { } l ? [new HazardSignal(hazard, l, T0.AddHours(10), T0.AddHours(validHours), value, "test")] : [];
        var cells = d.Cells.Select(c => new CellAssessment(c, HasData: true, c.IsSeat ? signals : [])).ToList();
        return board.ApplyAsync([DistrictAssessment.Aggregate(d.Code, now, cells)], now, CancellationToken.None);
    }
}
