using ClimateWarn.Core.Indices;

namespace ClimateWarn.Core.Tests.Indices;

/// <summary>
/// Against the worked examples of FAO Irrigation and Drainage Paper 56 (Allen et al. 1998), inputs as the paper gives
/// them, expected values as the paper prints them (rounded, hence the tolerances).
/// </summary>
public sealed class PetTests
{
    // FAO-56 Example 18 (daily ETo): Uccle (Brussels), 50°48'N, 100 m, 6 July; Tmax 21.5 °C, Tmin 12.3 °C,
    // RHmax 84 %, RHmin 63 %, wind 10 km/h measured at 10 m, sunshine n = 9.25 h.
    private static readonly PetSite Uccle = new(50 + (48.0 / 60), 100, WindHeightM: 10);

    private static readonly PetInputs July6 = new(new DateOnly(2023, 7, 6), 12.3, 21.5)
    {
        RhMaxPct = 84,
        RhMinPct = 63,
        WindSpeedMs = 10 / 3.6,
        SunshineHours = 9.25,
    };

    [Fact]
    public void PenmanMonteith_Fao56Example18_Gives39MmPerDay()
    {
        var eto = Pet.PenmanMonteith(July6, Uccle);

        Assert.Equal(3.9, eto, 0.1);
    }

    [Fact]
    public void Daily_Fao56Example18_UsesPenmanMonteith()
    {
        var estimate = Pet.Daily(July6, Uccle);

        Assert.Equal(PetMethod.PenmanMonteith, estimate.Method);
        Assert.Equal(3.9, estimate.EtoMm, 0.1);
    }

    [Fact]
    public void Intermediates_Fao56Example18_MatchThePaper()
    {
        Assert.Equal(187, July6.Day.DayOfYear);
        Assert.Equal(2.078, Pet.WindAt2m(July6.WindSpeedMs, 10), 0.001);
        Assert.Equal(100.1, Pet.AtmosphericPressure(100), 0.05);
        Assert.Equal(1.997, (Pet.SaturationVapourPressure(21.5) + Pet.SaturationVapourPressure(12.3)) / 2, 0.001);
        Assert.Equal(1.409, Pet.ActualVapourPressure(July6), 0.001);
        var ra = FaoRadiation.Extraterrestrial(Uccle.LatitudeDeg, 187);
        Assert.Equal(41.09, ra, 0.05);
        var n = FaoRadiation.DaylightHours(Uccle.LatitudeDeg, 187);
        Assert.Equal(16.1, n, 0.05);
        var rs = FaoRadiation.SolarFromSunshine(9.25, n, ra);
        Assert.Equal(22.07, rs, 0.05);
        var rso = FaoRadiation.ClearSky(ra, 100);
        Assert.Equal(30.90, rso, 0.05);
        Assert.Equal(13.28, FaoRadiation.Net(rs, rso, 12.3, 21.5, Pet.ActualVapourPressure(July6)), 0.05);
    }

    [Fact]
    public void Extraterrestrial_Fao56Example8_Is322()
    {
        // FAO-56 Example 8: 20°S on 3 September (J = 246) → Ra = 32.2 MJ m⁻² day⁻¹.
        Assert.Equal(32.2, FaoRadiation.Extraterrestrial(-20, new DateOnly(2023, 9, 3).DayOfYear), 0.05);
    }

    [Fact]
    public void SolarFromTemperature_Fao56Example15Lyon_Is223()
    {
        // FAO-56 Example 15 (as recalled): Lyon, July, Tmax 26.6 °C, Tmin 14.8 °C, Ra 40.6, interior kRs 0.16 → Rs 22.3.
        Assert.Equal(22.3, FaoRadiation.SolarFromTemperature(14.8, 26.6, 40.6, 0.16), 0.05);
    }

    [Fact]
    public void Hargreaves_LyonJulyByHand_Gives504()
    {
        // Eq. 52 by hand for the same Lyon numbers:
        //   Tmean = (26.6 + 14.8) / 2 = 20.7; Tmean + 17.8 = 38.5; √(26.6 − 14.8) = √11.8 = 3.43511;
        //   0.408 × 40.6 = 16.5648 mm/day; 0.0023 × 38.5 × 3.43511 × 16.5648 = 5.0386 mm/day.
        Assert.Equal(5.0386, Pet.Hargreaves(14.8, 26.6, 40.6), 0.0005);
    }

    [Fact]
    public void Daily_NoHumidity_FallsBackToHargreaves()
    {
        var day = July6 with { RhMaxPct = double.NaN, RhMinPct = double.NaN };

        var estimate = Pet.Daily(day, Uccle);

        Assert.Equal(PetMethod.Hargreaves, estimate.Method);
        Assert.Equal(Pet.Hargreaves(12.3, 21.5, FaoRadiation.Extraterrestrial(Uccle.LatitudeDeg, 187)), estimate.EtoMm, 1e-12);
    }

    [Fact]
    public void Daily_NoWind_FallsBackToHargreaves()
    {
        Assert.Equal(PetMethod.Hargreaves, Pet.Daily(July6 with { WindSpeedMs = double.NaN }, Uccle).Method);
    }

    [Theory]
    [InlineData(double.NaN, 21.5)]
    [InlineData(12.3, double.NaN)]
    [InlineData(22.0, 21.5)]   // Tmin above Tmax: bad data
    public void Daily_MissingOrInconsistentTemperature_GivesNoEstimate(double tmin, double tmax)
    {
        var estimate = Pet.Daily(July6 with { TminC = tmin, TmaxC = tmax }, Uccle);

        Assert.Equal(PetMethod.None, estimate.Method);
        Assert.True(double.IsNaN(estimate.EtoMm));
    }

    [Fact]
    public void PenmanMonteith_DewPointGiven_PrefersItOverRelativeHumidity()
    {
        // A dew point whose e° equals the RH-derived 1.409 kPa gives the same ETo; a drier one gives more.
        var same = July6 with { DewPointC = 12.0 };
        var drier = July6 with { DewPointC = 0.0 };

        Assert.Equal(Pet.SaturationVapourPressure(12.0), Pet.ActualVapourPressure(same), 1e-12);
        Assert.True(Pet.PenmanMonteith(drier, Uccle) > Pet.PenmanMonteith(same, Uccle));
    }

    [Fact]
    public void PenmanMonteith_NoRadiationOrSunshine_UsesHargreavesRadiation()
    {
        var day = July6 with { SunshineHours = double.NaN };
        var measured = July6 with { SunshineHours = double.NaN, SolarRadiationMj = FaoRadiation.SolarFromTemperature(12.3, 21.5, FaoRadiation.Extraterrestrial(Uccle.LatitudeDeg, 187), 0.16) };

        Assert.Equal(Pet.PenmanMonteith(measured, Uccle), Pet.PenmanMonteith(day, Uccle), 1e-12);
    }
}
