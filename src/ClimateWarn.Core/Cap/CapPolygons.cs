using System.Globalization;
using System.Runtime.CompilerServices;
using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Utilities;
using NetTopologySuite.Operation.Valid;
using NetTopologySuite.Precision;
using NetTopologySuite.Simplify;

namespace ClimateWarn.Core.Cap;

/// <summary>
/// A district's boundary as aggregators accept CAP polygons (Google's profile, ../shared/research/release-platform.md):
/// valid (a self-intersecting boundary is repaired), at most <see cref="MaxVertices"/> vertices per ring (simplified
/// with topology kept; a 6,208-vertex polygon was rejected), coordinates rounded to <see cref="Decimals"/> decimals
/// (≈ 1 m) without making the ring invalid, outer rings only, each closed. Computed once per boundary; what had to be
/// done is in <see cref="Prepared.Notes"/>, for the server to log.
/// </summary>
public static class CapPolygons
{
    public const int MaxVertices = 200;
    public const int Decimals = 5;

    private static readonly ConditionalWeakTable<Geometry, Prepared> Cache = [];

    /// <param name="Rings">Each polygon's outer ring as CAP writes it: "lat,lon" pairs, space-separated, first point repeated last.</param>
    public sealed record Prepared(IReadOnlyList<string> Rings, IReadOnlyList<string> Notes);

    public static Prepared For(Geometry boundary)
    {
        ArgumentNullException.ThrowIfNull(boundary);
        return Cache.GetValue(boundary, Prepare);
    }

    private static Prepared Prepare(Geometry boundary)
    {
        var notes = new List<string>();
        var c = CultureInfo.InvariantCulture;
        var g = boundary;
        if (!g.IsValid)
        {
            var error = new IsValidOp(g).ValidationError;
            notes.Add(string.Create(c, $"the boundary is not valid ({error?.Message} at {error?.Coordinate?.Y:0.#####},{error?.Coordinate?.X:0.#####}): repaired"));
            g = GeometryFixer.Fix(g);
        }

        var rings = new List<string>();
        for (var i = 0; i < g.NumGeometries; i++)
        {
            if (g.GetGeometryN(i) is not Polygon polygon || polygon.IsEmpty)
            {
                continue;
            }

            Geometry shell = polygon.Factory.CreatePolygon(polygon.Shell);
            var before = polygon.Shell.NumPoints;
            var tolerance = 1e-4;
            while (shell.Coordinates.Length > MaxVertices && tolerance < 1)
            {
                shell = TopologyPreservingSimplifier.Simplify(polygon.Factory.CreatePolygon(polygon.Shell), tolerance);
                tolerance *= 2;
            }

            if (shell.Coordinates.Length < before)
            {
                notes.Add(string.Create(c, $"a ring of {before} vertices simplified to {shell.Coordinates.Length} (tolerance {tolerance / 2:0.######}°)"));
            }

            // Rounded in place where that stays valid (the ring keeps its order); else snapped by the precision reducer.
            var scale = Math.Pow(10, Decimals);
            Geometry rounded = shell.Factory.CreatePolygon([.. shell.Coordinates.Select(p => new Coordinate(Math.Round(p.X * scale) / scale, Math.Round(p.Y * scale) / scale))]);
            if (!rounded.IsValid)
            {
                rounded = GeometryPrecisionReducer.Reduce(shell, new PrecisionModel(scale));
            }

            foreach (var part in Enumerable.Range(0, rounded.NumGeometries).Select(rounded.GetGeometryN).OfType<Polygon>().Where(p => p.Shell.NumPoints >= 4))
            {
                rings.Add(string.Join(' ', part.Shell.Coordinates.Select(p => string.Create(c, $"{p.Y:0.#####},{p.X:0.#####}"))));
            }
        }

        return new Prepared(rings, notes);
    }
}
