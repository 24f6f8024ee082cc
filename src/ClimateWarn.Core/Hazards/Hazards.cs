using ClimateWarn.Core.Hazards.ColdWave;
using ClimateWarn.Core.Hazards.Frost;
using ClimateWarn.Core.Hazards.Gale;
using ClimateWarn.Core.Hazards.Heat;
using ClimateWarn.Core.Hazards.Rainstorm;

namespace ClimateWarn.Core.Hazards;

/// <summary>The thresholds in force: one table per hazard, each with the version it came from.</summary>
public sealed record HazardTable(
    RainstormThresholds Rainstorm,
    ColdWaveThresholds ColdWave,
    GaleThresholds Gale,
    HeatThresholds Heat,
    FrostThresholds Frost,
    IReadOnlyDictionary<HazardKind, string> Versions)
{
    /// <summary>Every rule on one place; only hazards that reach a level are returned.</summary>
    public IReadOnlyList<HazardSignal> AssessAll(AssessmentWindow window)
    {
        HazardSignal?[] all =
        [
            RainstormAssessor.Assess(window, Rainstorm),
            ColdWaveAssessor.Assess(window, ColdWave),
            GaleAssessor.Assess(window, Gale),
            HeatAssessor.Assess(window, Heat),
            FrostAssessor.Assess(window, Frost),
        ];
        return [.. all.OfType<HazardSignal>()];
    }

    /// <summary>Every problem with the table, each naming the field, the limit and the value.</summary>
    public IReadOnlyList<string> Validate() =>
    [
        .. Rainstorm.Validate("rainstorm"),
        .. ColdWave.Validate("cold-wave"),
        .. Gale.Validate("gale"),
        .. Heat.Validate("heat"),
        .. Frost.Validate("frost"),
    ];
}

public static class HazardNames
{
    /// <summary>The type code used across Chinese weather services (DOMAIN §2).</summary>
    public static string Code(HazardKind hazard) => hazard switch
    {
        HazardKind.Rainstorm => "02",
        HazardKind.ColdWave => "04",
        HazardKind.Gale => "05",
        HazardKind.Heat => "07",
        HazardKind.Frost => "11",
        _ => throw new ArgumentOutOfRangeException(nameof(hazard), hazard, null),
    };

    public static string Zh(HazardKind hazard) => hazard switch
    {
        HazardKind.Rainstorm => "暴雨",
        HazardKind.ColdWave => "寒潮",
        HazardKind.Gale => "大风",
        HazardKind.Heat => "高温",
        HazardKind.Frost => "霜冻",
        _ => throw new ArgumentOutOfRangeException(nameof(hazard), hazard, null),
    };

    public static string En(HazardKind hazard) => hazard switch
    {
        HazardKind.Rainstorm => "rainstorm",
        HazardKind.ColdWave => "cold wave",
        HazardKind.Gale => "gale",
        HazardKind.Heat => "heat",
        HazardKind.Frost => "frost",
        _ => throw new ArgumentOutOfRangeException(nameof(hazard), hazard, null),
    };

    /// <summary>The config and API name: rainstorm, cold-wave, gale, heat, frost.</summary>
    public static string Slug(HazardKind hazard) => hazard == HazardKind.ColdWave ? "cold-wave" : En(hazard);

    public static bool TryParse(string? slug, out HazardKind hazard)
    {
        foreach (var h in Enum.GetValues<HazardKind>())
        {
            if (string.Equals(Slug(h), slug, StringComparison.OrdinalIgnoreCase))
            {
                hazard = h;
                return true;
            }
        }

        hazard = default;
        return false;
    }

    public static string LevelZh(SignalLevel level) => level switch
    {
        SignalLevel.Blue => "蓝色",
        SignalLevel.Yellow => "黄色",
        SignalLevel.Orange => "橙色",
        SignalLevel.Red => "红色",
        _ => "无",
    };

    public static string LevelEn(SignalLevel level) => level switch
    {
        SignalLevel.Blue => "blue",
        SignalLevel.Yellow => "yellow",
        SignalLevel.Orange => "orange",
        SignalLevel.Red => "red",
        _ => "none",
    };
}
