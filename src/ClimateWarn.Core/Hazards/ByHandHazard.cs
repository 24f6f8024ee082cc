using System.Globalization;
using ClimateWarn.Core.Weather;

namespace ClimateWarn.Core.Hazards;

/// <summary>
/// A signal issued by the forecaster's hand (DOMAIN §2b): numerical guidance may only propose it. Its table names the
/// levels it has and how soon each is expected; a level may name the WMO weather codes (95–99) or the CAPE that, forecast
/// within its window, propose it. A proposal is only ever a draft: the warning engine sends every level of a by-hand
/// hazard to an operator (<c>WarningOptions.Rules</c>), whatever the configuration says.
/// </summary>
public abstract class ByHandHazard : HazardDefinition<LeadTimeThresholds>
{
    /// <summary>The quantity behind a hand-issued level is its lead time.</summary>
    public override string Unit => "h";

    public override string? NotVerifiableFromHourlyObservations => "issued by the forecaster's hand: verified against reports, not the hourly record";

    public sealed override HazardSignal? Assess(AssessmentWindow window, LeadTimeThresholds thresholds)
    {
        ArgumentNullException.ThrowIfNull(window);
        ArgumentNullException.ThrowIfNull(thresholds);
        var codes = window.Weather[WeatherVariables.WeatherCode];
        var cape = window.Weather[WeatherVariables.Cape];
        foreach (var (level, c) in thresholds.Levels.Descending())
        {
            if (c.ProposeOnWeatherCodes is not { Count: > 0 } && c.ProposeOnCapeAtLeast is null)
            {
                continue;
            }

            var (from, to) = window.Ahead(c.WithinHours);
            int first = -1, last = -1;
            string? why = null;
            for (var i = from; i < to; i++)
            {
                var byCode = double.IsFinite(codes[i]) && (c.ProposeOnWeatherCodes?.Contains((int)codes[i]) ?? false);
                var byCape = c.ProposeOnCapeAtLeast is { } min && cape[i] >= min;
                if (byCode || byCape)
                {
                    first = first < 0 ? i : first;
                    last = i;
                    why ??= byCode
                        ? string.Create(CultureInfo.InvariantCulture, $"weather code {codes[i]:0} at {window.Weather.TimeAt(i):u}")
                        : string.Create(CultureInfo.InvariantCulture, $"CAPE {cape[i]:0} J/kg (≥{c.ProposeOnCapeAtLeast}) at {window.Weather.TimeAt(i):u}");
                }
            }

            if (first >= 0)
            {
                return new HazardSignal(Slug, level, window.Weather.TimeAt(first), window.Weather.TimeAt(last + 1), c.WithinHours,
                    $"proposal from numerical guidance ({why}, within {c.WithinHours} h): the forecaster decides");
            }
        }

        return null;
    }
}
