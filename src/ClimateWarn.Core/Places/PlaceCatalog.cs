namespace ClimateWarn.Core.Places;

/// <summary>The districts, townships and grid cells a bureau serves; every lookup of an unknown code throws.</summary>
public sealed class PlaceCatalog
{
    private readonly Dictionary<string, District> _districts;
    private readonly Dictionary<string, Township> _townships;
    private readonly Dictionary<string, GridCell> _cells;

    public PlaceCatalog(CityInfo city, IReadOnlyList<District> districts)
    {
        ArgumentNullException.ThrowIfNull(districts);
        City = city;
        Districts = districts;
        _districts = districts.ToDictionary(d => d.Code, StringComparer.Ordinal);
        _townships = districts.SelectMany(d => d.Townships).ToDictionary(t => t.Code, StringComparer.Ordinal);
        _cells = districts.SelectMany(d => d.Cells).ToDictionary(c => c.Id, StringComparer.Ordinal);
    }

    public CityInfo City { get; }

    public IReadOnlyList<District> Districts { get; }

    /// <summary>The configured district codes, for messages that say which codes are valid.</summary>
    public string DistrictCodes => string.Join(", ", Districts.Select(d => d.Code));

    public District GetDistrict(string code) =>
        TryGetDistrict(code, out var district) ? district : throw new UnknownPlaceException("district", code);

    public bool TryGetDistrict(string? code, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out District? district)
    {
        district = null;
        return code is not null && _districts.TryGetValue(code, out district);
    }

    public Township GetTownship(string code) =>
        _townships.TryGetValue(code, out var township) ? township : throw new UnknownPlaceException("township", code);

    public bool TryGetTownship(string? code, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out Township? township)
    {
        township = null;
        return code is not null && _townships.TryGetValue(code, out township);
    }

    public GridCell GetCell(string id) =>
        _cells.TryGetValue(id, out var cell) ? cell : throw new UnknownPlaceException("grid cell", id);
}
