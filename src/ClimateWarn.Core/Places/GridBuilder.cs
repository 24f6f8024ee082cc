using System.Globalization;
using NetTopologySuite.Geometries;

namespace ClimateWarn.Core.Places;

/// <summary>
/// Regular lon/lat grid clipped to a district polygon. Townships have no coordinates in the public data,
/// so detail inside a district comes from these cells and is aggregated back to the district.
/// </summary>
public static class GridBuilder
{
    public static IReadOnlyList<GridCell> Build(string districtCode, Geometry boundary, GeoPoint seat, double spacingDegrees)
    {
        ArgumentNullException.ThrowIfNull(boundary);
        if (!(spacingDegrees > 0.005 && spacingDegrees <= 1.0))
        {
            throw new ArgumentOutOfRangeException(nameof(spacingDegrees), spacingDegrees, "grid spacing must lie in (0.005, 1] degrees");
        }

        var factory = boundary.Factory;
        var envelope = boundary.EnvelopeInternal;
        var cells = new List<GridCell> { new($"{districtCode}-seat", districtCode, seat, IsSeat: true) };
        // Anchor the lattice on whole multiples of the spacing so that neighbouring districts share one grid.
        var lon0 = Math.Ceiling(envelope.MinX / spacingDegrees) * spacingDegrees;
        var lat0 = Math.Ceiling(envelope.MinY / spacingDegrees) * spacingDegrees;
        var row = 0;
        for (var lat = lat0; lat <= envelope.MaxY; lat += spacingDegrees, row++)
        {
            var col = 0;
            for (var lon = lon0; lon <= envelope.MaxX; lon += spacingDegrees, col++)
            {
                var point = new GeoPoint(Math.Round(lon, 4), Math.Round(lat, 4));
                if (!boundary.Covers(factory.CreatePoint(new Coordinate(point.Lon, point.Lat))))
                {
                    continue;
                }

                var id = string.Create(CultureInfo.InvariantCulture, $"{districtCode}-r{row:D2}c{col:D2}");
                cells.Add(new GridCell(id, districtCode, point, IsSeat: false));
            }
        }

        return cells;
    }
}
