using ClimateWarn.Core.Hazards.ColdWave;
using ClimateWarn.Core.Hazards.Drought;
using ClimateWarn.Core.Hazards.Frost;
using ClimateWarn.Core.Hazards.Gale;
using ClimateWarn.Core.Hazards.Heat;
using ClimateWarn.Core.Hazards.Rainstorm;

namespace ClimateWarn.Core.Hazards;

/// <summary>
/// The one registration of the hazards ClimateWarn ships. A new hazard is a folder beside these (its definition,
/// thresholds and rule), its config/hazards and config/guidance files, and one line here.
/// </summary>
public static class BuiltInHazards
{
    public static IReadOnlyList<HazardDefinition> All { get; } =
    [
        new RainstormHazard(),
        new ColdWaveHazard(),
        new GaleHazard(),
        new HeatHazard(),
        new FrostHazard(),
        new DroughtHazard(),
    ];
}
