namespace ClimateWarn.WeatherGen;

/// <summary>
/// The SYNTHETIC forecast: for lead ℓ = 0, 1, 2 days, the forecast takes the neighbouring day's rain with probability
/// 0.10 + 0.05ℓ (a timing slip), misses a wet day with probability 0.08 + 0.04ℓ, invents rain on a dry day with
/// probability 0.05 (exponential, mean 3 mm), and scales the amount by a log-normal factor of σ = 0.45 + 0.15ℓ; the
/// peak hour keeps the true share of the day's total within a log-normal σ = 0.3; the maximum temperature errs
/// normally with σ = 1.5 + 0.5ℓ °C. Skill therefore falls with lead, as a real model's does; its size is an assumption.
/// </summary>
internal static class ForecastErrors
{
    public static void Issue(SyntheticSeries s, SplitMix random)
    {
        for (var i = 0; i < s.Count; i++)
        {
            for (var lead = 0; lead < SyntheticSeries.Leads; lead++)
            {
                var t = Math.Min(s.Count - 1, i + lead);
                var slip = random.Uniform() < 0.10 + (0.05 * lead) ? (random.Uniform() < 0.5 ? -1 : 1) : 0;
                var source = Math.Clamp(t + slip, 0, s.Count - 1);
                var truth = s.Precipitation[source];
                var share = truth > 0 ? s.PeakHourly[source] / truth : 0.3;
                double amount;
                if (truth >= 0.1)
                {
                    amount = random.Uniform() < 0.08 + (0.04 * lead) ? 0 : truth * Math.Exp((0.45 + (0.15 * lead)) * random.Normal());
                }
                else
                {
                    amount = random.Uniform() < 0.05 ? random.Exponential(3) : 0;
                }

                s.ForecastPrecipitation[lead][i] = Math.Round(amount, 1);
                s.ForecastPeakHourly[lead][i] = Math.Round(Math.Min(amount, amount * share * Math.Exp(0.3 * random.Normal())), 1);
                s.ForecastTemperatureMax[lead][i] = Math.Round(s.TemperatureMax[t] + ((1.5 + (0.5 * lead)) * random.Normal()), 1);
            }
        }
    }
}
