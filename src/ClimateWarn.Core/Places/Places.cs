using NetTopologySuite.Geometries;

namespace ClimateWarn.Core.Places;

/// <summary>A longitude/latitude pair in degrees (WGS-84 as served by the boundary source).</summary>
public readonly record struct GeoPoint(double Lon, double Lat);

public sealed record Station(string Id, string NameZh, string NameEn, string? IsdId);

public sealed record Township(string Code, string Name, string DistrictCode);

/// <summary>A forecast point inside a district. The seat is always one of them.</summary>
public sealed record GridCell(string Id, string DistrictCode, GeoPoint Point, bool IsSeat);

public sealed record District(
    string Code,
    string NameZh,
    string NameEn,
    GeoPoint Seat,
    Station Station,
    Geometry Boundary,
    IReadOnlyList<GridCell> Cells,
    IReadOnlyList<Township> Townships)
{
    public GridCell SeatCell => Cells.First(c => c.IsSeat);

    /// <summary>The catchment the flood model's discharge proxy routes this district's rain through; null: no flood probabilities here.</summary>
    public DistrictCatchment? Catchment { get; init; }
}

/// <summary>
/// A small catchment (a flash-flood gully, a tributary reach) as config/districts.json states it: the numbers of the
/// flood model's linear-reservoir discharge proxy, assumptions and not a gauge (docs/weather-generator.md). The same
/// numbers as WeatherGen's Catchment, which Core cannot reference (it stays free of the generator); the server converts.
/// </summary>
public sealed record DistrictCatchment(
    string Name,
    double AreaKm2,
    double BaseFlowM3s,
    double InitialLossMm,
    double RunoffMin,
    double RunoffMax,
    double ApiSaturationMm,
    double ApiDecay,
    double ReservoirRecession,
    double FloodThresholdM3s);

/// <param name="CapSender">The bureau's CAP sender identifier (CAP 1.2 §3.2.1), when its config names one.</param>
public sealed record CityInfo(string Code, string NameZh, string NameEn, string ObservatoryZh, string ObservatoryEn, string? CapSender = null)
{
    /// <summary>The district pages show first (the home page, the chart pickers); the first configured one unless the config names another.</summary>
    public string? DefaultDistrict { get; init; }

    /// <summary>The languages the pages offer, the first the default: "zh", "en" or both.</summary>
    public IReadOnlyList<string> Languages { get; init; } = ["zh", "en"];

    /// <summary>The pages' title, e.g. "白银市气候灾害预警"; by default the city's name and 气候灾害预警.</summary>
    public string TitleZh { get => field ?? $"{NameZh}气候灾害预警"; init; }

    public string TitleEn { get => field ?? $"{NameEn} climate-hazard warnings"; init; }
}

/// <summary>Raised wherever a district, township or grid-cell code is not one the bureau configured.</summary>
public sealed class UnknownPlaceException(string kind, string code)
    : Exception($"Unknown {kind} code '{code}' (未知{(kind == "district" ? "区县" : kind == "township" ? "乡镇" : "格点")}代码)")
{
    public string Kind { get; } = kind;
    public string Code { get; } = code;
}
