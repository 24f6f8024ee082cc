namespace ClimateWarn.WeatherGen;

/// <summary>
/// The flood proxy, SYNTHETIC and documented (docs/weather-generator.md): an antecedent precipitation index
/// API_t = k·API_{t−1} + P_t sets the runoff coefficient between its minimum and maximum (wetter soil sheds more);
/// the day's effective rain, max(0, P − initial loss) × coefficient, fills one linear reservoir S_t = r·S_{t−1} + R_t
/// that drains (1 − r)·S_t a day; discharge Q = base + (1 − r)·S·A / 86.4 (1 mm a day over 1 km² is 1/86.4 m³/s).
/// </summary>
public static class LinearReservoir
{
    /// <summary>The state at the end of a day: what a forecaster can route forecast rain through.</summary>
    public readonly record struct State(double Api, double Storage);

    public static State Step(Catchment c, State s, double precipitationMm, out double dischargeM3s)
    {
        ArgumentNullException.ThrowIfNull(c);
        var p = double.IsFinite(precipitationMm) ? Math.Max(0, precipitationMm) : 0;
        var wetness = Math.Min(1, s.Api / c.ApiSaturationMm);
        var coefficient = c.RunoffMin + ((c.RunoffMax - c.RunoffMin) * wetness);
        var effective = Math.Max(0, p - c.InitialLossMm) * coefficient;
        var storage = (c.ReservoirRecession * s.Storage) + effective;
        dischargeM3s = c.BaseFlowM3s + ((1 - c.ReservoirRecession) * storage * c.AreaKm2 / 86.4);
        return new State((c.ApiDecay * s.Api) + p, storage);
    }

    /// <summary>Runs a daily series from an empty catchment; returns the state after the last day.</summary>
    public static State Run(Catchment c, IReadOnlyList<double> precipitationMm, double[]? dischargeM3s = null)
    {
        ArgumentNullException.ThrowIfNull(precipitationMm);
        var s = default(State);
        for (var i = 0; i < precipitationMm.Count; i++)
        {
            s = Step(c, s, precipitationMm[i], out var q);
            if (dischargeM3s is not null)
            {
                dischargeM3s[i] = q;
            }
        }

        return s;
    }
}
