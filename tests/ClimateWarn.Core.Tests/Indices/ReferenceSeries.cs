using ClimateWarn.Core.Indices;

using System.Globalization;

namespace ClimateWarn.Core.Tests.Indices;

/// <summary>
/// The generated 40-year series and the SPI values computed for it by reference/spi_reference.py (Python standard
/// library, its own incomplete gamma and AS241's Φ⁻¹). Generated precipitation, not observations: see reference/README.md.
/// </summary>
internal sealed record ReferenceSeries(DateOnly[] Days, double[] PrecipMm, double[] Spi30, double[] Spi90, double[] Spiw60)
{
    public static readonly SpiCalibration Calibration = new(new DateOnly(1981, 1, 1), new DateOnly(2010, 12, 31));

    private static readonly Lazy<ReferenceSeries> Loaded = new(Load);

    public static ReferenceSeries Instance => Loaded.Value;

    private static ReferenceSeries Load()
    {
        var lines = File.ReadAllLines(Locate());
        var n = lines.Length - 1;
        var series = new ReferenceSeries(new DateOnly[n], new double[n], new double[n], new double[n], new double[n]);
        for (var i = 0; i < n; i++)
        {
            var cells = lines[i + 1].Split(',');
            series.Days[i] = DateOnly.ParseExact(cells[0], "yyyy-MM-dd", CultureInfo.InvariantCulture);
            series.PrecipMm[i] = Cell(cells[1]);
            series.Spi30[i] = Cell(cells[2]);
            series.Spi90[i] = Cell(cells[3]);
            series.Spiw60[i] = Cell(cells[4]);
        }

        return series;
    }

    // An empty cell is the script's NaN.
    private static double Cell(string text) => text.Length == 0 ? double.NaN : double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);

    // The CSV stays in the source tree beside its script (the test project copies no fixtures), found from the build output.
    private static string Locate()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "tests", "ClimateWarn.Core.Tests", "Indices", "reference", "spi_reference.csv");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException(
            "spi_reference.csv not found above " + AppContext.BaseDirectory
            + "; regenerate it with: python3 tests/ClimateWarn.Core.Tests/Indices/reference/spi_reference.py > tests/ClimateWarn.Core.Tests/Indices/reference/spi_reference.csv");
    }
}
