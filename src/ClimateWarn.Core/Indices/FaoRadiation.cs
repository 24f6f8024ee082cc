namespace ClimateWarn.Core.Indices;

/// <summary>The radiation terms of FAO Irrigation and Drainage Paper 56 (Allen et al. 1998), chapter 3, daily form.</summary>
public static class FaoRadiation
{
    private const double SolarConstant = 0.0820;          // MJ m⁻² min⁻¹
    private const double StefanBoltzmann = 4.903e-9;      // MJ K⁻⁴ m⁻² day⁻¹
    private const double GrassAlbedo = 0.23;
    private const double AngstromA = 0.25;                // FAO-56's defaults when no local calibration exists
    private const double AngstromB = 0.50;

    /// <summary>Extraterrestrial radiation Ra, MJ m⁻² day⁻¹ (eq. 21 with eq. 23–25).</summary>
    public static double Extraterrestrial(double latitudeDeg, int dayOfYear)
    {
        var phi = latitudeDeg * Math.PI / 180;
        var dr = 1 + (0.033 * Math.Cos(2 * Math.PI * dayOfYear / 365));
        var delta = 0.409 * Math.Sin((2 * Math.PI * dayOfYear / 365) - 1.39);
        var ws = SunsetHourAngle(phi, delta);
        return 24 * 60 / Math.PI * SolarConstant * dr
               * ((ws * Math.Sin(phi) * Math.Sin(delta)) + (Math.Cos(phi) * Math.Cos(delta) * Math.Sin(ws)));
    }

    /// <summary>Daylight hours N (eq. 34).</summary>
    public static double DaylightHours(double latitudeDeg, int dayOfYear)
    {
        var delta = 0.409 * Math.Sin((2 * Math.PI * dayOfYear / 365) - 1.39);
        return 24 / Math.PI * SunsetHourAngle(latitudeDeg * Math.PI / 180, delta);
    }

    /// <summary>Solar radiation from sunshine hours, Ångström's formula with a = 0.25, b = 0.50 (eq. 35).</summary>
    public static double SolarFromSunshine(double sunshineHours, double daylightHours, double ra) =>
        (AngstromA + (AngstromB * Math.Min(sunshineHours / daylightHours, 1))) * ra;

    /// <summary>Hargreaves' radiation formula Rs = kRs·√(Tmax − Tmin)·Ra (eq. 50).</summary>
    public static double SolarFromTemperature(double tminC, double tmaxC, double ra, double krs) =>
        krs * Math.Sqrt(Math.Max(tmaxC - tminC, 0)) * ra;

    /// <summary>Clear-sky solar radiation Rso (eq. 37).</summary>
    public static double ClearSky(double ra, double elevationM) => (0.75 + (2e-5 * elevationM)) * ra;

    /// <summary>Net radiation Rn = Rns − Rnl (eq. 38–40), with grass albedo 0.23.</summary>
    public static double Net(double rs, double rso, double tminC, double tmaxC, double ea)
    {
        var tmaxK = tmaxC + 273.16;
        var tminK = tminC + 273.16;
        var relative = rso > 0 ? Math.Min(rs / rso, 1) : 1;   // FAO-56: Rs/Rso ≤ 1.0
        var rnl = StefanBoltzmann * ((Math.Pow(tmaxK, 4) + Math.Pow(tminK, 4)) / 2)
                  * (0.34 - (0.14 * Math.Sqrt(ea))) * ((1.35 * relative) - 0.35);
        return ((1 - GrassAlbedo) * rs) - rnl;
    }

    // eq. 25; clamped so polar day and night give 0 or π instead of NaN.
    private static double SunsetHourAngle(double phi, double delta) =>
        Math.Acos(Math.Clamp(-Math.Tan(phi) * Math.Tan(delta), -1, 1));
}
