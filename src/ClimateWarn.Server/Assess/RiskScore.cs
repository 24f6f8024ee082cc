namespace ClimateWarn.Server.Assess;

/// <summary>
/// A model's probability for one place, model and lead, with the model version that made it. <see cref="Model"/> is the
/// model's name (frost, heavy-rain, flood, drought); <see cref="RuleHazard"/> the slug of the official rule covering the
/// same weather, where there is one (heavy rain: rainstorm). <see cref="Synthetic"/>: trained on synthetic weather, not
/// fit for operational use.
/// </summary>
public sealed record RiskScore(string Model, int LeadHours, DateOnly TargetDay, double Probability, string ModelVersion, bool Synthetic = false)
{
    public string? RuleHazard { get; init; }

    /// <summary>Trained on ERA5 reanalysis (real weather at 0.25°, forecast error assumed), not on station observations: labelled wherever shown.</summary>
    public bool Reanalysis { get; init; }

    /// <summary>The level of <see cref="RuleHazard"/> whose event the model forecasts (frost: ground below 0 °C, the blue level), where there is one.</summary>
    public ClimateWarn.Core.Hazards.SignalLevel? RuleLevel { get; init; }

    /// <summary>The warning hazard this probability is shown beside: only a model trained on real data attaches to warnings.</summary>
    public string? Hazard => Synthetic ? null : RuleHazard;
}
