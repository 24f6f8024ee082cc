using ClimateWarn.Core.Places;
using ClimateWarn.Server.Configuration;

namespace ClimateWarn.Server.Bureau;

public static class PlacesEndpoints
{
    public static IEndpointRouteBuilder MapPlaces(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/districts", (PlaceCatalog places) => places.Districts.Select(d => new
        {
            code = d.Code,
            nameZh = d.NameZh,
            nameEn = d.NameEn,
            seat = new { lon = d.Seat.Lon, lat = d.Seat.Lat },
            station = new { id = d.Station.Id, nameZh = d.Station.NameZh, nameEn = d.Station.NameEn },
            gridCells = d.Cells.Count,
            townships = d.Townships.Select(t => new { code = t.Code, name = t.Name }),
        }))
            .WithSummary("区县 / Districts")
            .WithDescription("The configured districts: code, zh/en names, seat, representative station, number of 0.1° grid cells and townships (code, name).")
            .WithTags("bureau")
            .Produces(200);
        app.MapGet("/api/boundaries", (ResolvedPaths paths) =>
            Results.File(PlacesLoader.BoundaryPath(paths.Config), "application/geo+json"))
            .WithSummary("区县边界 / District boundaries")
            .WithDescription("The district boundaries as GeoJSON (application/geo+json), from the bureau's config directory.")
            .WithTags("bureau")
            .Produces(200, contentType: "application/geo+json");
        return app;
    }
}
