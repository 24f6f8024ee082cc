using ClimateWarn.Core.Hazards;

namespace ClimateWarn.Core.Warnings;

/// <summary>What a message does to its warning (DOMAIN §2): 发布, 继续发布, 升级, 降级, 延长, 解除, or it runs out.</summary>
public enum WarningAction
{
    Issued,
    Continued,
    Upgraded,
    Downgraded,
    Extended,
    Lifted,
    Expired,
}

/// <summary>
/// A warning as pushed and listed (first version: one hazard for the districts it names). Each change that is pushed
/// gets a new <see cref="Sequence"/>, which only grows; clients use it to notice gaps.
/// </summary>
public sealed record Warning(
    string Id,
    long Sequence,
    WarningAction Action,
    string Hazard,
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

    /// <summary>The quantity behind the level when the message was made (°C, mm, m/s; see <see cref="Basis"/>).</summary>
    public double? SignalValue { get; init; }

    /// <summary>1 for the first message of a warning, then one more for each message that follows it.</summary>
    public int Version { get; init; } = 1;

    /// <summary>This message's CAP identifier (set when it is published).</summary>
    public string? MessageId { get; init; }

    /// <summary>The CAP identifier of the message this one follows; null for the first.</summary>
    public string? References { get; init; }

    /// <summary>The operator who approved it; null when it was published automatically.</summary>
    public string? ApprovedBy { get; init; }

    /// <summary>
    /// The forecaster who composed this message by hand; null when a rule raised it. The engine leaves a composed
    /// warning to its forecaster (no automatic continue, downgrade or lift) until its validity ends or a rule calls for
    /// a higher level.
    /// </summary>
    public string? ComposedBy { get; init; }

    /// <summary>
    /// The townships (codes) a forecaster narrowed it to, each in one of <see cref="Districts"/>; null for the whole
    /// districts (every rule's warning). Acknowledgement and the lifecycle stay per district; the text, the CAP area and
    /// what a farmer's phone shows follow the townships.
    /// </summary>
    public IReadOnlyList<string>? Townships { get; init; }

    /// <summary>Orange and red: a watch officer of each district must acknowledge it.</summary>
    public bool NeedsAck => IsActive && Level >= SignalLevel.Orange;

    public bool IsActive => Action is not (WarningAction.Lifted or WarningAction.Expired);

    /// <summary>
    /// The message as anyone outside the bureau sees it (public lists, pushes, phones, partners' webhooks): without the
    /// names of the operators who approved or composed it, which are operators' business (the audit keeps them).
    /// </summary>
    public Warning WithoutNames() => this with { ApprovedBy = null, ComposedBy = null };
}

/// <summary>Protective guidance (防御指南) per hazard and level, in Chinese and English; a bureau edits it in config/guidance.</summary>
public sealed record GuidanceText(IReadOnlyList<string> Zh, IReadOnlyList<string> En);

public sealed class GuidanceCatalog(IReadOnlyDictionary<(string Hazard, SignalLevel Level), GuidanceText> texts)
{
    public GuidanceText For(string hazard, SignalLevel level) =>
        texts.TryGetValue((hazard, level), out var text)
            ? text
            : throw new KeyNotFoundException($"no guidance for {hazard} {SignalLevels.En(level)}");

    public bool Has(string hazard, SignalLevel level) => texts.ContainsKey((hazard, level));
}
