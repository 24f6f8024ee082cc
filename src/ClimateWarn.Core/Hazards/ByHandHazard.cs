namespace ClimateWarn.Core.Hazards;

/// <summary>
/// A signal issued by the forecaster's hand (DOMAIN §2b): numerical guidance may only propose it, so its rule never
/// raises a signal by itself, whatever the weather. Its table names the levels it has and how soon each is expected;
/// the levels still need guidance, for the forecaster's bulletin.
/// </summary>
public abstract class ByHandHazard : HazardDefinition<LeadTimeThresholds>
{
    /// <summary>The quantity behind a hand-issued level is its lead time.</summary>
    public override string Unit => "h";

    public sealed override HazardSignal? Assess(AssessmentWindow window, LeadTimeThresholds thresholds) => null;
}
