using ClimateWarn.Core.Hazards;

namespace ClimateWarn.Server.Assess;

/// <summary>
/// A model's probability for one place, hazard and lead, with the model version that made it. <see cref="Model"/> is
/// the model's hazard name (frost, heavy-rain, flood, drought); <see cref="Hazard"/> the warning hazard it belongs to,
/// where there is one (frost only: the synthetic models attach to no warning). <see cref="Synthetic"/>: trained on
/// synthetic weather, not fit for operational use.
/// </summary>
public sealed record RiskScore(string Model, int LeadHours, DateOnly TargetDay, double Probability, string ModelVersion, bool Synthetic = false)
{
    public HazardKind? Hazard => Model == "frost" ? HazardKind.Frost : null;

    /// <summary>The official rule covering the same weather (heavy rain: the rainstorm signal); flood and drought have none here.</summary>
    public HazardKind? RuleHazard => Model switch
    {
        "frost" => HazardKind.Frost,
        "heavy-rain" => HazardKind.Rainstorm,
        _ => null,
    };
}
