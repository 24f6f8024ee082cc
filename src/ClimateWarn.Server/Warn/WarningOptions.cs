using ClimateWarn.Core.Hazards;
using ClimateWarn.Core.Warnings;

namespace ClimateWarn.Server.Warn;

public sealed class WarningOptions
{
    public const string Section = "Warnings";

    /// <summary>How long a lower signal (or none) must last before a warning is downgraded or lifted.</summary>
    public TimeSpan HoldTime { get; set; } = TimeSpan.FromHours(3);

    /// <summary>
    /// Per hazard slug, in the hazard's own unit (°C, mm, m/s): a downgrade also needs the quantity to have eased by at
    /// least this much from the value that set the current level. 0 (the default) leaves only the hold time.
    /// </summary>
    public Dictionary<string, double> Margins { get; set; } = [];

    /// <summary>Per hazard slug, the lowest level that waits for an operator (Blue…Red, or None: all automatic). Default Orange.</summary>
    public Dictionary<string, SignalLevel> ApprovalFrom { get; set; } = [];

    /// <summary>A warning still in force at the same level is re-issued (继续发布) this long after its last message.</summary>
    public TimeSpan ContinueEvery { get; set; } = TimeSpan.FromHours(24);

    /// <summary>A signal that now ends this much later than the warning's validity extends it (延长).</summary>
    public TimeSpan ExtendAfter { get; set; } = TimeSpan.FromHours(6);

    /// <summary>Orange and red: time a watch officer of each district has to acknowledge before it escalates.</summary>
    public TimeSpan AckWindow { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>A warning composed by hand may not run longer than this (default 10 days).</summary>
    public TimeSpan MaximumValidity { get; set; } = TimeSpan.FromDays(10);

    /// <summary>No warning is valid for less than this (default 6 h): a bureau does not publish a one-hour signal.</summary>
    public TimeSpan MinimumValidity { get; set; } = TimeSpan.FromHours(6);

    /// <summary>
    /// Hazard slugs, comma-separated, warned for whole nights: from the evening before (20:00) to the morning after (08:00).
    /// Default "frost"; "" for none. (A string, not a list: a configured list would add to the default, not replace it.)
    /// </summary>
    public string? Overnight { get; set; } = "frost";

    public IReadOnlyList<string> OvernightHazards => (Overnight ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public SignalLevel Approval(string hazard) => ApprovalFrom.GetValueOrDefault(hazard, SignalLevel.Orange);

    /// <summary>How a hazard's signals are widened to the periods a bureau publishes.</summary>
    public ValidityRules Validity(HazardDefinition hazard)
    {
        ArgumentNullException.ThrowIfNull(hazard);
        return new ValidityRules(MinimumValidity, OvernightHazards.Contains(hazard.Slug));
    }

    /// <summary>The lifecycle's rules for one hazard.</summary>
    public LifecycleRules Rules(HazardDefinition hazard)
    {
        ArgumentNullException.ThrowIfNull(hazard);
        // A by-hand hazard (thunder, hail) is only ever proposed: every level waits for an operator.
        var approval = hazard is ByHandHazard ? hazard.Levels[0] : Approval(hazard.Slug);
        return new LifecycleRules(HoldTime, ContinueEvery, ExtendAfter, approval, Margins.GetValueOrDefault(hazard.Slug), hazard.Eases);
    }
}

/// <summary>
/// What the delivery side tells the warning side (implemented in Deliver, so Warn never depends on it): which channels
/// a message and an escalation owe outbox rows to, and a doorbell to ring once they are stored.
/// </summary>
public interface IDeliveryChannels
{
    IReadOnlyList<string> ForMessage(Warning message);

    IReadOnlyList<string> ForEscalation(string district);

    void Wake();
}
