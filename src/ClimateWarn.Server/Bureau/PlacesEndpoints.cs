using ClimateWarn.Core.Places;
using ClimateWarn.Server.Configuration;
using ClimateWarn.Server.Warn;
using Microsoft.Extensions.Options;

namespace ClimateWarn.Server.Bureau;

public static class PlacesEndpoints
{
    public static IEndpointRouteBuilder MapPlaces(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/bureau", (PlaceCatalog places, AdviceCatalog advice, IOptions<CapOptions> cap) =>
        {
            var c = places.City;
            return new
            {
                code = c.Code,
                nameZh = c.NameZh,
                nameEn = c.NameEn,
                titleZh = c.TitleZh,
                titleEn = c.TitleEn,
                observatoryZh = c.ObservatoryZh,
                observatoryEn = c.ObservatoryEn,
                capSender = CapEndpoints.Sender(cap.Value, places).Sender,
                defaultDistrict = c.DefaultDistrict,
                languages = c.Languages,
                subscribeBy = places.Districts.Any(d => d.Townships.Count > 0) ? "township" : "district",
                districts = places.Districts.Select(d => new { code = d.Code, nameZh = d.NameZh, nameEn = d.NameEn, townships = d.Townships.Count }),
                crops = advice.Crops.Select(x => new { key = x.Key, nameZh = x.Value.NameZh, nameEn = x.Value.NameEn }),
                healthGroups = advice.Groups.Select(x => new { key = x.Key, nameZh = x.Value.NameZh, nameEn = x.Value.NameEn }),
            };
        })
            .WithSummary("气象局 / The bureau")
            .WithDescription("Who this server is, all from the bureau's config directory: code, zh/en names and page titles, the observatory, its CAP sender, the district pages show first, the languages offered (the first is the default), whether farmers subscribe by township or by district (no township list configured), the districts, the crops and the health groups advised on.")
            .WithTags("bureau")
            .Produces(200);
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
