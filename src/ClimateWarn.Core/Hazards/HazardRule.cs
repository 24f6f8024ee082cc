namespace ClimateWarn.Core.Hazards;

/// <summary>A registered hazard bound to the thresholds in force, with the version of the table they came from.</summary>
public abstract class HazardRule(HazardDefinition definition, string version)
{
    public HazardDefinition Definition { get; } = definition;

    /// <summary>"&lt;file version&gt;/&lt;table&gt;", e.g. "2024-01/ningxia".</summary>
    public string Version { get; } = version;

    public string Slug => Definition.Slug;

    public abstract IHazardThresholds Thresholds { get; }

    public IReadOnlyList<SignalLevel> ConfiguredLevels => [.. Thresholds.ConfiguredLevels];

    public abstract HazardSignal? Assess(AssessmentWindow window);

    public IEnumerable<string> Validate() => Definition.Validate(Thresholds, Slug);
}

public sealed class HazardRule<TThresholds>(HazardDefinition<TThresholds> definition, TThresholds thresholds, string version)
    : HazardRule(definition, version)
    where TThresholds : class, IHazardThresholds
{
    public override IHazardThresholds Thresholds => thresholds;

    public TThresholds Typed => thresholds;

    public override HazardSignal? Assess(AssessmentWindow window) => definition.Assess(window, thresholds);
}
