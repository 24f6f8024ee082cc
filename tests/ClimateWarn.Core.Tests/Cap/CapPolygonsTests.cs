using System.Globalization;
using ClimateWarn.Core.Cap;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO;

namespace ClimateWarn.Core.Tests.Cap;

/// <summary>CAP polygons as aggregators accept them, from CONSTRUCTED boundaries: a 20,000-vertex ring and a bow-tie.</summary>
public sealed class CapPolygonsTests
{
    private static readonly GeometryFactory Factory = new(new PrecisionModel(), 4326);

    private static Polygon Parse(string ring)
    {
        var points = ring.Split(' ').Select(p => p.Split(',')).Select(p => new Coordinate(double.Parse(p[1], CultureInfo.InvariantCulture), double.Parse(p[0], CultureInfo.InvariantCulture))).ToArray();
        return Factory.CreatePolygon(points);
    }

    [Fact]
    public void ARingOf20000Vertices_IsSimplified_UnderTheCap_Valid_Closed_AndRounded()
    {
        // A wobbly circle around Zhongning's seat: 20,000 vertices, radius 0.3° ± 0.002°.
        var ring = Enumerable.Range(0, 20_000).Select(i =>
        {
            var a = 2 * Math.PI * i / 20_000;
            var r = 0.3 + (0.002 * Math.Sin(a * 400));
            return new Coordinate(105.68 + (r * Math.Cos(a)), 37.49 + (r * Math.Sin(a)));
        }).ToList();
        ring.Add(ring[0]);
        var boundary = Factory.CreatePolygon([.. ring]);

        var prepared = CapPolygons.For(boundary);

        var rendered = Assert.Single(prepared.Rings);
        var points = rendered.Split(' ');
        Assert.InRange(points.Length, 4, CapPolygons.MaxVertices);
        Assert.Equal(points[0], points[^1]);
        Assert.All(points.SelectMany(p => p.Split(',')), v => Assert.True(v.Split('.').ElementAtOrDefault(1) is not { Length: > 6 }, v));
        var polygon = Parse(rendered);
        Assert.True(polygon.IsValid);
        // Still the same area, within a few per cent: the simplification keeps the shape.
        Assert.InRange(polygon.Area / boundary.Area, 0.97, 1.03);
        Assert.Contains(prepared.Notes, n => n.StartsWith("a ring of 20001 vertices simplified to", StringComparison.Ordinal));
        Assert.Same(prepared, CapPolygons.For(boundary));
    }

    [Fact]
    public void ASelfIntersectingBoundary_IsRepaired_WithTheReason()
    {
        var bowTie = new WKTReader(Factory.GeometryServices).Read("POLYGON ((105 37, 106 38, 106 37, 105 38, 105 37))");
        Assert.False(bowTie.IsValid);

        var prepared = CapPolygons.For(bowTie);

        Assert.Contains(prepared.Notes, n => n.Contains("not valid (Self-intersection", StringComparison.Ordinal) && n.EndsWith("repaired", StringComparison.Ordinal));
        Assert.Equal(2, prepared.Rings.Count);   // the two triangles of the bow tie
        Assert.All(prepared.Rings, r => Assert.True(Parse(r).IsValid, r));
    }

    [Fact]
    public void AnOrdinaryBoundary_IsLeftAlone_WithoutNotes()
    {
        var square = new WKTReader(Factory.GeometryServices).Read("POLYGON ((105.1 37.1, 105.2 37.1, 105.2 37.2, 105.1 37.2, 105.1 37.1))");

        var prepared = CapPolygons.For(square);

        Assert.Empty(prepared.Notes);
        Assert.Equal("37.1,105.1 37.1,105.2 37.2,105.2 37.2,105.1 37.1,105.1", Assert.Single(prepared.Rings));
    }
}

/// <summary>Every built-in hazard names its OASIS event term (the v1.2 list, OET-000 to OET-223), each a different one.</summary>
public sealed class OetCodeTests
{
    [Fact]
    public void EveryBuiltInHazard_HasItsOwnOasisEventTerm()
    {
        var codes = ClimateWarn.Core.Hazards.BuiltInHazards.All.Select(h => (h.Slug, h.OetCode)).ToList();

        Assert.All(codes, c => Assert.Matches(@"^OET-(\d{3})$", c.OetCode ?? $"(none for {c.Slug})"));
        Assert.All(codes, c => Assert.InRange(int.Parse(c.OetCode![4..], CultureInfo.InvariantCulture), 0, 223));
        Assert.Equal(codes.Count, codes.Select(c => c.OetCode).Distinct().Count());
        Assert.Equal("OET-091", codes.Single(c => c.Slug == "frost").OetCode);
    }
}
