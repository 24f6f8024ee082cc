using ClimateWarn.Core.Hazards;

namespace ClimateWarn.Core.Warnings;

public enum WarningAction
{
    Issued,
    Updated,
    Lifted,
}

/// <summary>
/// A warning as pushed and listed (first version: one hazard for the districts it names). Each change that is pushed
/// gets a new <see cref="Sequence"/>, which only grows; clients use it to notice gaps.
/// </summary>
public sealed record Warning(
    string Id,
    long Sequence,
    WarningAction Action,
    HazardKind Hazard,
    SignalLevel Level,
    IReadOnlyList<string> Districts,
    DateTimeOffset IssuedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset ValidFrom,
    DateTimeOffset ValidTo,
    string HeadlineZh,
    string HeadlineEn,
    string DescriptionZh,
    string DescriptionEn,
    IReadOnlyList<string> GuidanceZh,
    IReadOnlyList<string> GuidanceEn,
    IReadOnlyList<string> Audiences,
    string Basis)
{
    /// <summary>The hazard model's highest 24 h probability over the districts, beside the rule's colour (never changing it).</summary>
    public double? RiskProbability { get; init; }

    /// <summary>The version of the model that gave <see cref="RiskProbability"/>.</summary>
    public string? RiskModel { get; init; }

    public bool IsActive => Action != WarningAction.Lifted;
}

/// <summary>Protective guidance (防御指南) per hazard and level, in Chinese and English; a bureau edits it in config/guidance.</summary>
public sealed record GuidanceText(IReadOnlyList<string> Zh, IReadOnlyList<string> En);

public sealed class GuidanceCatalog(IReadOnlyDictionary<(HazardKind, SignalLevel), GuidanceText> texts)
{
    public GuidanceText For(HazardKind hazard, SignalLevel level) =>
        texts.TryGetValue((hazard, level), out var text)
            ? text
            : throw new KeyNotFoundException($"no guidance for {HazardNames.Slug(hazard)} {HazardNames.LevelEn(level)}");

    public bool Has(HazardKind hazard, SignalLevel level) => texts.ContainsKey((hazard, level));
}
