using ClimateWarn.Core.Indices;

namespace ClimateWarn.Core.Tests.Indices;

/// <summary>
/// The C# SPI and SPIW60 against values computed independently by reference/spi_reference.py (Python 3 standard
/// library: its own power-series incomplete gamma, statistics.NormalDist().inv_cdf, its own Thom fit and windows) on a
/// generated 40-year series (seeded LCG, 1981–2020, calibration 1981–2010). Generated data, not observations.
/// </summary>
public sealed class SpiReferenceTests
{
    // The brief's tolerance; the two implementations in fact agree to the CSV's six decimals (checked at 1e-6).
    private const double Tolerance = 1e-3;

    [Theory]
    [InlineData(30)]
    [InlineData(90)]
    public void Compute_GeneratedSeries_MatchesPythonReference(int windowDays)
    {
        var r = ReferenceSeries.Instance;

        var spi = Spi.Compute(r.Days, r.PrecipMm, windowDays, ReferenceSeries.Calibration);

        AssertMatches(windowDays == 30 ? r.Spi30 : r.Spi90, spi);
    }

    [Fact]
    public void SpiwCompute_GeneratedSeries_MatchesPythonReference()
    {
        var r = ReferenceSeries.Instance;

        var spiw = Spiw.Compute(r.Days, r.PrecipMm, ReferenceSeries.Calibration);

        AssertMatches(r.Spiw60, spiw);
    }

    private static void AssertMatches(double[] expected, double[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        Assert.True(expected.Count(double.IsFinite) > 14_000, "the reference should be mostly finite");
        for (var i = 0; i < expected.Length; i++)
        {
            var ok = double.IsNaN(expected[i]) ? double.IsNaN(actual[i]) : Math.Abs(expected[i] - actual[i]) <= Tolerance;
            Assert.True(ok, $"row {i + 1} ({ReferenceSeries.Instance.Days[i]:yyyy-MM-dd}): expected {expected[i]}, got {actual[i]}");
        }
    }
}
