namespace ClimateWarn.Core.Indices;

/// <summary>
/// One day of weather for reference evapotranspiration. Temperatures are required; every other field is optional and
/// NaN when missing, and <see cref="Pet.Daily"/> uses what is there.
/// </summary>
/// <param name="Day">The local day (its day of year sets the extraterrestrial radiation).</param>
/// <param name="TminC">Daily minimum air temperature at 2 m, °C.</param>
/// <param name="TmaxC">Daily maximum air temperature at 2 m, °C.</param>
public sealed record PetInputs(DateOnly Day, double TminC, double TmaxC)
{
    /// <summary>Mean dew point, °C: FAO-56's first choice for the actual vapour pressure (eq. 14).</summary>
    public double DewPointC { get; init; } = double.NaN;

    /// <summary>Daily maximum relative humidity, % (with <see cref="RhMinPct"/>: eq. 17; alone: eq. 18).</summary>
    public double RhMaxPct { get; init; } = double.NaN;

    /// <summary>Daily minimum relative humidity, %.</summary>
    public double RhMinPct { get; init; } = double.NaN;

    /// <summary>Daily mean relative humidity, %: FAO-56's least preferred humidity input (eq. 19).</summary>
    public double RhMeanPct { get; init; } = double.NaN;

    /// <summary>Mean wind speed, m/s, measured at <see cref="PetSite.WindHeightM"/>.</summary>
    public double WindSpeedMs { get; init; } = double.NaN;

    /// <summary>Incoming solar (shortwave) radiation, MJ m⁻² day⁻¹.</summary>
    public double SolarRadiationMj { get; init; } = double.NaN;

    /// <summary>Actual sunshine duration n, hours, used through Ångström's formula when radiation is not measured.</summary>
    public double SunshineHours { get; init; } = double.NaN;
}

/// <summary>Where the weather was measured.</summary>
/// <param name="LatitudeDeg">Latitude, decimal degrees, north positive.</param>
/// <param name="ElevationM">Elevation above sea level, m (sets the pressure and the psychrometric constant).</param>
/// <param name="WindHeightM">Anemometer height, m; 10 for synoptic stations and Open-Meteo's wind_speed_10m.</param>
/// <param name="Krs">
/// Hargreaves radiation coefficient kRs (FAO-56 eq. 50): 0.16 for interior locations such as Zhongwei, 0.19 on coasts.
/// </param>
public sealed record PetSite(double LatitudeDeg, double ElevationM, double WindHeightM = 10, double Krs = 0.16);

/// <summary>Which equation produced an estimate.</summary>
public enum PetMethod
{
    /// <summary>No estimate: the temperatures were missing or inconsistent.</summary>
    None,

    /// <summary>FAO-56 Penman–Monteith (eq. 6), radiation measured or estimated.</summary>
    PenmanMonteith,

    /// <summary>Hargreaves (FAO-56 eq. 52), used when humidity or wind is missing.</summary>
    Hargreaves,
}

/// <summary>A daily reference evapotranspiration and the equation behind it.</summary>
/// <param name="EtoMm">ET₀, mm/day; NaN when <paramref name="Method"/> is <see cref="PetMethod.None"/>.</param>
/// <param name="Method">The equation used.</param>
public readonly record struct PetEstimate(double EtoMm, PetMethod Method);
