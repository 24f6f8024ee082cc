using System.Globalization;
using System.Text.Json;
using ClimateWarn.Core.Places;
using ClimateWarn.Server.Configuration;
using NetTopologySuite.Features;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO.Converters;

namespace ClimateWarn.Server.Bureau;

/// <summary>Reads config/districts.json, the township list and the boundary GeoJSON into a <see cref="PlaceCatalog"/>.</summary>
public static class PlacesLoader
{
    private static readonly JsonSerializerOptions GeoJsonOptions = new() { Converters = { new GeoJsonConverterFactory() } };

    public static PlaceCatalog Load(string configDirectory)
    {
        var problems = new List<string>();
        var file = Path.Combine(configDirectory, "districts.json");
        var config = JsonConfig.Read<DistrictsFile>(file, problems);
        if (config is null)
        {
            throw new StartupConfigurationException(problems);
        }

        if (config.Districts.Count == 0)
        {
            throw new StartupConfigurationException([$"{file}: districts is empty; list at least one district (code, names, seat, station)"]);
        }

        var boundaries = ReadBoundaries(Path.Combine(configDirectory, config.BoundaryFile), problems);
        // Townships are optional: without them farmers subscribe by district.
        var townships = config.TownshipFile is { Length: > 0 } townshipFile ? ReadTownships(Path.Combine(configDirectory, townshipFile), problems) : [];
        var codes = config.Districts.Select(d => d.Code).ToHashSet(StringComparer.Ordinal);
        foreach (var t in townships.Where(t => !codes.Contains(t.DistrictCode)))
        {
            problems.Add($"{config.TownshipFile}: township {t.Code} {t.Name} names areaCode {t.DistrictCode}, which is not a configured district ({string.Join(", ", codes)})");
        }

        var districts = new List<District>();
        foreach (var d in config.Districts)
        {
            if (d.Code.Length != 6 || !d.Code.All(char.IsAsciiDigit))
            {
                problems.Add($"districts.json: districts[{d.Code}].code = '{d.Code}' is not a 6-digit administrative code");
                continue;
            }

            if (!boundaries.TryGetValue(d.Code, out var boundary))
            {
                problems.Add($"{config.BoundaryFile}: no feature with adcode {d.Code} for district {d.NameZh}");
                continue;
            }

            var seat = new GeoPoint(d.Seat.Lon, d.Seat.Lat);
            if (!boundary.Covers(boundary.Factory.CreatePoint(new Coordinate(seat.Lon, seat.Lat))))
            {
                problems.Add(string.Create(CultureInfo.InvariantCulture, $"districts.json: {d.Code}.seat = ({seat.Lon}, {seat.Lat}) lies outside the district boundary"));
            }

            var cells = GridBuilder.Build(d.Code, boundary, seat, config.GridSpacingDegrees);
            var station = new Station(d.Station.Id, d.Station.NameZh, d.Station.NameEn, d.Station.IsdId);
            districts.Add(new District(d.Code, d.NameZh, d.NameEn, seat, station, boundary, cells,
                [.. townships.Where(t => t.DistrictCode == d.Code)]) { Catchment = d.Catchment?.Validate(d.Code, problems) });
        }

        if (problems.Count > 0)
        {
            throw new StartupConfigurationException(problems);
        }

        return new PlaceCatalog(City(file, config.City, districts), districts);
    }

    private static CityInfo City(string file, CityFile c, List<District> districts)
    {
        var problems = new List<string>();
        foreach (var (name, value) in new[] { ("code", c.Code), ("nameZh", c.NameZh), ("nameEn", c.NameEn), ("observatoryZh", c.ObservatoryZh), ("observatoryEn", c.ObservatoryEn) })
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                problems.Add($"{file}: city.{name} is missing; the pages, messages and CAP documents name the bureau with it");
            }
        }

        if (c.CapSender is { } sender && (sender.Length == 0 || sender.Any(ch => char.IsWhiteSpace(ch) || ch is ',' or '<' or '&')))
        {
            problems.Add($"{file}: city.capSender = '{sender}': a CAP sender has no spaces, commas, '<' or '&' (CAP 1.2 §3.2.1)");
        }

        if (c.DefaultDistrict is { } d && districts.All(x => x.Code != d))
        {
            problems.Add($"{file}: city.defaultDistrict = '{d}' is not a configured district ({string.Join(", ", districts.Select(x => x.Code))})");
        }

        var languages = c.Languages ?? ["zh", "en"];
        if (languages.Count == 0 || languages.Any(l => l is not ("zh" or "en")) || languages.Distinct().Count() != languages.Count)
        {
            problems.Add($"{file}: city.languages = [{string.Join(", ", languages)}]: list \"zh\", \"en\" or both, the pages' default first");
        }

        if (problems.Count > 0)
        {
            throw new StartupConfigurationException(problems);
        }

        var city = new CityInfo(c.Code, c.NameZh, c.NameEn, c.ObservatoryZh, c.ObservatoryEn, c.CapSender)
        {
            DefaultDistrict = c.DefaultDistrict ?? districts[0].Code,
            Languages = languages,
        };
        city = c.TitleZh is { } zh ? city with { TitleZh = zh } : city;
        return c.TitleEn is { } en ? city with { TitleEn = en } : city;
    }

    /// <summary>The raw boundary GeoJSON, served to the pages as it is.</summary>
    public static string BoundaryPath(string configDirectory)
    {
        var problems = new List<string>();
        var config = JsonConfig.Read<DistrictsFile>(Path.Combine(configDirectory, "districts.json"), problems);
        return config is null ? throw new StartupConfigurationException(problems) : Path.Combine(configDirectory, config.BoundaryFile);
    }

    private static Dictionary<string, Geometry> ReadBoundaries(string path, List<string> problems)
    {
        var result = new Dictionary<string, Geometry>(StringComparer.Ordinal);
        if (!File.Exists(path))
        {
            problems.Add($"{path}: boundary file not found (copy the district GeoJSON into config/boundaries)");
            return result;
        }

        try
        {
            using var stream = File.OpenRead(path);
            var features = JsonSerializer.Deserialize<FeatureCollection>(stream, GeoJsonOptions) ?? [];
            foreach (var feature in features)
            {
                var adcode = Convert.ToString(feature.Attributes?.GetOptionalValue("adcode"), CultureInfo.InvariantCulture);
                if (!string.IsNullOrEmpty(adcode) && feature.Geometry is { IsEmpty: false } geometry)
                {
                    result[adcode] = geometry;
                }
            }
        }
        catch (JsonException ex)
        {
            problems.Add($"{path}: not valid GeoJSON: {ex.Message}");
        }

        return result;
    }

    private static List<Township> ReadTownships(string path, List<string> problems)
    {
        var result = new List<Township>();
        if (!File.Exists(path))
        {
            problems.Add($"{path}: township file not found");
            return result;
        }

        var lines = File.ReadAllLines(path);
        for (var i = 1; i < lines.Length; i++)
        {
            if (string.IsNullOrWhiteSpace(lines[i]))
            {
                continue;
            }

            var cols = lines[i].Split(',');
            if (cols.Length < 3 || cols[0].Length != 9 || !cols[0].All(char.IsAsciiDigit))
            {
                problems.Add($"{path}:{i + 1}: expected 'code,name,areaCode,…' with a 9-digit township code, got '{lines[i]}'");
                continue;
            }

            var code = cols[0];
            var district = cols[2].Trim();
            if (!code.StartsWith(district, StringComparison.Ordinal))
            {
                problems.Add($"{path}:{i + 1}: township {code} does not lie in areaCode {district}");
            }

            result.Add(new Township(code, cols[1].Trim('"'), district));
        }

        return result;
    }

    private sealed record DistrictsFile(CityFile City, string BoundaryFile, double GridSpacingDegrees, IReadOnlyList<DistrictFile> Districts, string? TownshipFile = null);

    private sealed record CityFile(
        string Code, string NameZh, string NameEn, string ObservatoryZh, string ObservatoryEn, string? CapSender = null,
        string? DefaultDistrict = null, IReadOnlyList<string>? Languages = null, string? TitleZh = null, string? TitleEn = null);

    private sealed record DistrictFile(string Code, string NameZh, string NameEn, PointFile Seat, StationFile Station, DistrictCatchment? Catchment = null);

    private sealed record PointFile(double Lon, double Lat);

    private sealed record StationFile(string Id, string NameZh, string NameEn, string? IsdId = null);
}
