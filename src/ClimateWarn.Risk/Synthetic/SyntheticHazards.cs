using ClimateWarn.Risk.Drought;
using ClimateWarn.Risk.Flood;
using ClimateWarn.Risk.HeavyRain;
using ClimateWarn.Risk.Models;

namespace ClimateWarn.Risk.Synthetic;

/// <summary>The hazards whose models are trained on the synthetic weather generator, by their API name.</summary>
public static class SyntheticHazards
{
    public static IReadOnlyList<string> Names { get; } = [HeavyRainHazard.Instance.Hazard, FloodHazard.Instance.Hazard, DroughtHazard.Instance.Hazard];

    public static TrainedModel Train(string hazard, SyntheticRun run) => hazard switch
    {
        "heavy-rain" => SyntheticHazardTrainer.Train(HeavyRainHazard.Instance, run),
        "flood" => SyntheticHazardTrainer.Train(FloodHazard.Instance, run),
        "drought" => SyntheticHazardTrainer.Train(DroughtHazard.Instance, run),
        _ => throw new ArgumentOutOfRangeException(nameof(hazard), hazard, $"no synthetic model for '{hazard}'; known: {string.Join(", ", Names)}"),
    };
}
