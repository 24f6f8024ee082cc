using ClimateWarn.Core.Hazards.Blizzard;
using ClimateWarn.Core.Hazards.ColdWave;
using ClimateWarn.Core.Hazards.Drought;
using ClimateWarn.Core.Hazards.FlashFlood;
using ClimateWarn.Core.Hazards.Fog;
using ClimateWarn.Core.Hazards.ForestFire;
using ClimateWarn.Core.Hazards.Frost;
using ClimateWarn.Core.Hazards.Gale;
using ClimateWarn.Core.Hazards.Hail;
using ClimateWarn.Core.Hazards.Haze;
using ClimateWarn.Core.Hazards.Heat;
using ClimateWarn.Core.Hazards.Rainstorm;
using ClimateWarn.Core.Hazards.RoadIcing;
using ClimateWarn.Core.Hazards.Sandstorm;
using ClimateWarn.Core.Hazards.Thunder;
using ClimateWarn.Core.Hazards.Typhoon;

namespace ClimateWarn.Core.Hazards;

/// <summary>
/// The one registration of the hazards ClimateWarn ships. A new hazard is a folder beside these (its definition,
/// thresholds and rule), its config/hazards and config/guidance files, and one line here.
/// </summary>
/// <remarks>
/// Type codes: DOMAIN §2 lists 02–14 for the signals in CMA Order No. 16's annex; typhoon 01, thunder 09, fog 12 and
/// haze 13 are the national warning-type codes as weather.cma.cn uses them in its alarm identifiers. Products that are not
/// Order No. 16 signals (flash-flood risk 91, forest and grassland fire danger 92) take codes from 91 up, the project's own.
/// </remarks>
public static class BuiltInHazards
{
    public static IReadOnlyList<HazardDefinition> All { get; } =
    [
        new RainstormHazard(),
        new ColdWaveHazard(),
        new GaleHazard(),
        new HeatHazard(),
        new FrostHazard(),
        new BlizzardHazard(),
        new RoadIcingHazard(),
        new FogHazard(),
        new HazeHazard(),
        new SandstormHazard(),
        new ThunderHazard(),
        new HailHazard(),
        new TyphoonHazard(),
        new DroughtHazard(),
        new FlashFloodHazard(),
        new ForestFireHazard(),
    ];
}
