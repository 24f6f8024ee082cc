namespace ClimateWarn.Core.Indices;

/// <summary>
/// Daily grass reference evapotranspiration ET₀ (mm/day) after FAO Irrigation and Drainage Paper 56 (Allen et al. 1998):
/// Penman–Monteith from whatever is present, Hargreaves when humidity or wind is missing. Soil heat flux G = 0 (eq. 42).
/// </summary>
public static class Pet
{
    /// <summary>
    /// Penman–Monteith when temperatures, humidity and wind are present; otherwise Hargreaves; nothing without both
    /// temperatures. Radiation is taken measured, else from sunshine hours (Ångström), else from the temperature range
    /// (Hargreaves' radiation formula with <see cref="PetSite.Krs"/>).
    /// </summary>
    /// <remarks>
    /// FAO-56 §3 also allows Penman–Monteith with an estimated humidity (dew point ≈ Tmin) and a default wind of 2 m/s; we
    /// fall back to Hargreaves instead so that an estimate built on guessed humidity and wind is labelled as what it is
    /// (<see cref="PetEstimate.Method"/>) rather than passing as a full Penman–Monteith.
    /// </remarks>
    public static PetEstimate Daily(PetInputs day, PetSite site)
    {
        ArgumentNullException.ThrowIfNull(day);
        ArgumentNullException.ThrowIfNull(site);
        if (!TemperaturesValid(day))
        {
            return new PetEstimate(double.NaN, PetMethod.None);
        }

        var pm = PenmanMonteith(day, site);
        return double.IsNaN(pm) ? new PetEstimate(Hargreaves(day, site), PetMethod.Hargreaves) : new PetEstimate(pm, PetMethod.PenmanMonteith);
    }

    /// <summary>FAO-56 Penman–Monteith (eq. 6); NaN when temperature, humidity or wind is missing.</summary>
    public static double PenmanMonteith(PetInputs day, PetSite site)
    {
        ArgumentNullException.ThrowIfNull(day);
        ArgumentNullException.ThrowIfNull(site);
        var ea = ActualVapourPressure(day);
        var u2 = WindAt2m(day.WindSpeedMs, site.WindHeightM);
        if (!TemperaturesValid(day) || double.IsNaN(ea) || double.IsNaN(u2))
        {
            return double.NaN;
        }

        var t = (day.TmaxC + day.TminC) / 2;                                                   // eq. 9
        var es = (SaturationVapourPressure(day.TmaxC) + SaturationVapourPressure(day.TminC)) / 2;  // eq. 12
        var slope = 4098 * SaturationVapourPressure(t) / Math.Pow(t + 237.3, 2);              // eq. 13
        var gamma = 0.665e-3 * AtmosphericPressure(site.ElevationM);                         // eq. 8
        var ra = FaoRadiation.Extraterrestrial(site.LatitudeDeg, day.Day.DayOfYear);
        var rs = SolarRadiation(day, site, ra);
        var rn = FaoRadiation.Net(rs, FaoRadiation.ClearSky(ra, site.ElevationM), day.TminC, day.TmaxC, ea);
        var numerator = (0.408 * slope * rn) + (gamma * 900 / (t + 273) * u2 * (es - ea));
        return numerator / (slope + (gamma * (1 + (0.34 * u2))));
    }

    /// <summary>Hargreaves' equation, FAO-56 eq. 52, with Ra from the site and the day.</summary>
    public static double Hargreaves(PetInputs day, PetSite site)
    {
        ArgumentNullException.ThrowIfNull(day);
        ArgumentNullException.ThrowIfNull(site);
        return TemperaturesValid(day)
            ? Hargreaves(day.TminC, day.TmaxC, FaoRadiation.Extraterrestrial(site.LatitudeDeg, day.Day.DayOfYear))
            : double.NaN;
    }

    /// <summary>
    /// ET₀ = 0.0023·(Tmean + 17.8)·√(Tmax − Tmin)·0.408·Ra (FAO-56 eq. 52; 0.408 turns Ra in MJ m⁻² day⁻¹ into mm/day).
    /// </summary>
    public static double Hargreaves(double tminC, double tmaxC, double raMj) =>
        tmaxC >= tminC ? 0.0023 * (((tmaxC + tminC) / 2) + 17.8) * Math.Sqrt(tmaxC - tminC) * 0.408 * raMj : double.NaN;

    /// <summary>Wind at 2 m from a measurement at <paramref name="heightM"/>, FAO-56's logarithmic profile (eq. 47).</summary>
    public static double WindAt2m(double speedMs, double heightM) =>
        !(speedMs >= 0) ? double.NaN
        : heightM == 2 ? speedMs
        : speedMs * 4.87 / Math.Log((67.8 * heightM) - 5.42);

    /// <summary>Atmospheric pressure, kPa, from elevation (eq. 7).</summary>
    public static double AtmosphericPressure(double elevationM) => 101.3 * Math.Pow((293 - (0.0065 * elevationM)) / 293, 5.26);

    /// <summary>Saturation vapour pressure e°(T), kPa (eq. 11).</summary>
    public static double SaturationVapourPressure(double temperatureC) => 0.6108 * Math.Exp(17.27 * temperatureC / (temperatureC + 237.3));

    /// <summary>Actual vapour pressure ea, kPa, from the best humidity input present (FAO-56 order: eq. 14, 17, 18, 19).</summary>
    public static double ActualVapourPressure(PetInputs day)
    {
        ArgumentNullException.ThrowIfNull(day);
        if (double.IsFinite(day.DewPointC))
        {
            return SaturationVapourPressure(day.DewPointC);
        }

        var eMin = SaturationVapourPressure(day.TminC);
        var eMax = SaturationVapourPressure(day.TmaxC);
        if (IsHumidity(day.RhMaxPct) && IsHumidity(day.RhMinPct))
        {
            return ((eMin * day.RhMaxPct / 100) + (eMax * day.RhMinPct / 100)) / 2;
        }

        if (IsHumidity(day.RhMaxPct))
        {
            return eMin * day.RhMaxPct / 100;
        }

        return IsHumidity(day.RhMeanPct) ? day.RhMeanPct / 100 * (eMin + eMax) / 2 : double.NaN;
    }

    private static double SolarRadiation(PetInputs day, PetSite site, double ra)
    {
        if (day.SolarRadiationMj >= 0)
        {
            return day.SolarRadiationMj;
        }

        return day.SunshineHours >= 0
            ? FaoRadiation.SolarFromSunshine(day.SunshineHours, FaoRadiation.DaylightHours(site.LatitudeDeg, day.Day.DayOfYear), ra)
            : FaoRadiation.SolarFromTemperature(day.TminC, day.TmaxC, ra, site.Krs);
    }

    private static bool IsHumidity(double rh) => rh is >= 0 and <= 100;

    private static bool TemperaturesValid(PetInputs day) =>
        double.IsFinite(day.TminC) && double.IsFinite(day.TmaxC) && day.TmaxC >= day.TminC;
}
