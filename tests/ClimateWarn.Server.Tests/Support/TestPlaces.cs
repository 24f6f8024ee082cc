using ClimateWarn.Core.Hazards;
using ClimateWarn.Core.Places;
using ClimateWarn.Server.Bureau;

namespace ClimateWarn.Server.Tests.Support;

public static class TestPlaces
{
    public static PlaceCatalog Catalog { get; } = PlacesLoader.Load(Repo.Config);

    /// <summary>The hazards ClimateWarn ships.</summary>
    public static HazardRegistry Hazards { get; } = new(BuiltInHazards.All);

    public static District Zhongning => Catalog.GetDistrict("640521");

    /// <summary>The district reduced to its seat, for single-location fixtures.</summary>
    public static District SeatOnly(District d) => d with { Cells = [d.SeatCell] };
}
