using System.Globalization;
using ClimateWarn.Core.Indices;
using ClimateWarn.Server.Configuration;

namespace ClimateWarn.Server.Assess.Indices;

/// <summary>config/indices.json: calibration period, MCI weights and the monthly Ka row (documented there as unconfirmed).</summary>
public sealed record IndicesConfig(string Note, DateOnly CalibrationFrom, DateOnly CalibrationTo, int MinimumNonZeroSums, int HistoryYears,
    WeightsFile Weights, IReadOnlyList<double> Ka, int StoreDays)
{
    public SpiCalibration Calibration => new(CalibrationFrom, CalibrationTo, MinimumNonZeroSums);

    public MciWeights MciWeights => new(Weights.A, Weights.B, Weights.C, Weights.D);

    public static IndicesConfig Load(string configDirectory)
    {
        var problems = new List<string>();
        var path = Path.Combine(configDirectory, "indices.json");
        var config = JsonConfig.Read<IndicesConfig>(path, problems);
        if (config is not null)
        {
            if (config.Ka.Count != 12 || config.Ka.Any(k => !(k is >= 0 and <= 3)))
            {
                problems.Add($"{path}: ka must hold 12 monthly factors in [0, 3], got [{string.Join(", ", config.Ka.Select(k => k.ToString(CultureInfo.InvariantCulture)))}]");
            }

            if (config.CalibrationFrom >= config.CalibrationTo)
            {
                problems.Add($"{path}: calibrationFrom = {config.CalibrationFrom:yyyy-MM-dd} must precede calibrationTo = {config.CalibrationTo:yyyy-MM-dd}");
            }

            if (config.HistoryYears is < 1 or > 150 || config.StoreDays is < 1 or > 3660)
            {
                problems.Add($"{path}: historyYears = {config.HistoryYears} must lie in [1, 150] and storeDays = {config.StoreDays} in [1, 3660]");
            }
        }

        return problems.Count > 0 ? throw new StartupConfigurationException(problems) : config!;
    }
}

public sealed record WeightsFile(double A, double B, double C, double D);
