using ClimateWarn.Risk.Models;

namespace ClimateWarn.Risk.Synthetic;

/// <summary>One forecast case: issued at 00:00 of <see cref="IssueDay"/>, what the model saw, what the rule said, what happened.</summary>
public sealed record HazardCase<TInput>(string Place, DateOnly IssueDay, int LeadHours, DateOnly TargetDay, bool Event, bool Rule, TInput Input);

/// <summary>
/// What makes a hazard's model: its event, features, lead times, season and official-threshold rule. One generic
/// trainer, card writer and scorer serve every definition.
/// </summary>
public interface IHazardDefinition<TInput>
    where TInput : class, IRiskInput, new()
{
    /// <summary>The API and folder name: models/&lt;hazard&gt;/.</summary>
    string Hazard { get; }

    IReadOnlyList<int> Leads { get; }

    IReadOnlyList<string> FeatureNames { get; }

    FastTreeSettings Settings { get; }

    /// <summary>The event, in the card's words.</summary>
    string EventDefinition { get; }

    /// <summary>The event for the districts a run trains on (flood names their catchments' thresholds); by default <see cref="EventDefinition"/>.</summary>
    string EventFor(IReadOnlyList<ClimateWarn.WeatherGen.DistrictClimate> districts) => EventDefinition;

    /// <summary>The official-threshold baseline, in the card's words.</summary>
    string Rule { get; }

    /// <summary>How the probability sits beside the rules, in the card's words.</summary>
    string Combination { get; }

    /// <summary>What this hazard's card must warn of beyond the synthetic data.</summary>
    IReadOnlyList<string> Caveats { get; }

    /// <summary>Issue days the model is trained, verified and scored on.</summary>
    bool InSeason(DateOnly issueDay);

    /// <summary>The last day whose truth decides a case of this lead.</summary>
    DateOnly TargetDay(DateOnly issueDay, int leadHours);

    /// <summary>Features from what is known at the issue; null where the view lacks what the model needs.</summary>
    TInput? Features(IssueView view, int leadHours);

    bool RuleSays(IssueView view, int leadHours);

    /// <summary>Whether the event happened, from the synthetic truth; null past the end of the series.</summary>
    bool? Outcome(SyntheticDistrict district, int issue, int leadHours);
}
