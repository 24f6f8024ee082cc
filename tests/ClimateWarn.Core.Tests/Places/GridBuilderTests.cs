using ClimateWarn.Core.Places;
using NetTopologySuite.Geometries;

namespace ClimateWarn.Core.Tests.Places;

public sealed class GridBuilderTests
{
    private static readonly GeometryFactory Factory = new();

    // A 0.5° × 0.3° rectangle with a triangular notch cut out.
    private static readonly Polygon Shape = Factory.CreatePolygon([
        new(105.0, 37.0), new(105.5, 37.0), new(105.5, 37.3), new(105.25, 37.15), new(105.0, 37.3), new(105.0, 37.0)]);

    [Fact]
    public void Build_EveryCellLiesInsideThePolygonAndTheSeatIsIncluded()
    {
        var seat = new GeoPoint(105.123, 37.051);

        var cells = GridBuilder.Build("640521", Shape, seat, 0.1);

        Assert.Contains(cells, c => c.IsSeat && c.Point == seat);
        Assert.All(cells, c => Assert.True(Shape.Covers(Factory.CreatePoint(new Coordinate(c.Point.Lon, c.Point.Lat))), c.Id));
        Assert.Equal(cells.Count, cells.Select(c => c.Id).Distinct().Count());
    }

    [Fact]
    public void Build_ClipsTheNotch()
    {
        var cells = GridBuilder.Build("640521", Shape, new GeoPoint(105.05, 37.05), 0.1);

        // The rectangle holds 6 × 4 lattice points; the notch removes 105.1–105.4 at 37.3 and 105.2, 105.3 at 37.2.
        Assert.DoesNotContain(cells, c => c.Point == new GeoPoint(105.3, 37.3));
        Assert.Contains(cells, c => c.Point == new GeoPoint(105.1, 37.1));
        Assert.InRange(cells.Count(c => !c.IsSeat), 14, 18);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-0.1)]
    [InlineData(5.0)]
    public void Build_ImpossibleSpacing_Throws(double spacing) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => GridBuilder.Build("640521", Shape, new GeoPoint(105.1, 37.1), spacing));

    [Fact]
    public void Catalog_UnknownCodes_AreClearErrors()
    {
        var district = new District("640521", "中宁县", "Zhongning County", new GeoPoint(105.1, 37.1), new Station("53705", "中宁", "Zhongning", "537050"),
            Shape, GridBuilder.Build("640521", Shape, new GeoPoint(105.1, 37.1), 0.1), [new Township("640521100", "宁安镇", "640521")]);
        var catalog = new PlaceCatalog(new CityInfo("640500", "中卫市", "Zhongwei", "中卫市气象台", "Zhongwei Meteorological Observatory"), [district]);

        Assert.Equal("宁安镇", catalog.GetTownship("640521100").Name);
        var ex = Assert.Throws<UnknownPlaceException>(() => catalog.GetDistrict("640599"));
        Assert.Contains("640599", ex.Message, StringComparison.Ordinal);
        Assert.Throws<UnknownPlaceException>(() => catalog.GetTownship("640521999"));
        Assert.Throws<UnknownPlaceException>(() => catalog.GetCell("nowhere"));
    }
}
