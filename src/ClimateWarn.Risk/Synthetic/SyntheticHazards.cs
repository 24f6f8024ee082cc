using ClimateWarn.Risk.Drought;
using ClimateWarn.Risk.Flood;
using ClimateWarn.Risk.HeavyRain;
using ClimateWarn.Risk.Models;

namespace ClimateWarn.Risk.Synthetic;

/// <summary>The hazards whose models train on daily series (the synthetic weather generator, or ERA5 days from the archive), by their API name.</summary>
public static class SyntheticHazards
{
    public static IReadOnlyList<string> Names { get; } = [HeavyRainHazard.Instance.Hazard, FloodHazard.Instance.Hazard, DroughtHazard.Instance.Hazard];

    /// <summary>
    /// The pooled Brier score of the model files at <paramref name="current"/> and <paramref name="challenger"/> on the
    /// same held-out cases of <paramref name="run"/>: how a retrain decides which to keep.
    /// </summary>
    public static (double Current, double Challenger, int Cases) Compare(string hazard, ITrainingRun run, string current, string challenger) => hazard switch
    {
        "heavy-rain" => Compare(HeavyRainHazard.Instance, run, current, challenger),
        "flood" => Compare(FloodHazard.Instance, run, current, challenger),
        "drought" => Compare(DroughtHazard.Instance, run, current, challenger),
        _ => throw new ArgumentOutOfRangeException(nameof(hazard), hazard, $"no daily-series model for '{hazard}'; known: {string.Join(", ", Names)}"),
    };

    private static (double, double, int) Compare<TInput>(IHazardDefinition<TInput> hazard, ITrainingRun run, string current, string challenger)
        where TInput : class, IRiskInput, new()
    {
        var held = HazardTrainer.HeldOut(hazard, run);
        bool[] observed = [.. held.Select(c => c.Event)];
        double Brier(string path)
        {
            var model = HazardModel.Load(path, hazard);
            return Core.Verification.ProbabilityScores.Brier([.. held.Select(c => (double)model.Probability(c.Input))], observed);
        }

        return (Brier(current), Brier(challenger), held.Count);
    }

    public static TrainedModel Train(string hazard, ITrainingRun run) => hazard switch
    {
        "heavy-rain" => HazardTrainer.Train(HeavyRainHazard.Instance, run),
        "flood" => HazardTrainer.Train(FloodHazard.Instance, run),
        "drought" => HazardTrainer.Train(DroughtHazard.Instance, run),
        _ => throw new ArgumentOutOfRangeException(nameof(hazard), hazard, $"no daily-series model for '{hazard}'; known: {string.Join(", ", Names)}"),
    };
}
