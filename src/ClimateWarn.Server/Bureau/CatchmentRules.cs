using System.Globalization;
using ClimateWarn.Core.Places;

namespace ClimateWarn.Server.Bureau;

/// <summary>The limits of a district's optional "catchment" in config/districts.json, checked before the flood proxy uses it.</summary>
internal static class CatchmentRules
{
    /// <summary>The catchment, or null after adding one problem line per impossible value (file, district, field, limit and value).</summary>
    public static DistrictCatchment? Validate(this DistrictCatchment c, string district, List<string> problems)
    {
        ArgumentNullException.ThrowIfNull(c);
        ArgumentNullException.ThrowIfNull(problems);
        var before = problems.Count;
        void Require(bool ok, string field, double value, string limit)
        {
            if (!ok)
            {
                problems.Add(string.Create(CultureInfo.InvariantCulture, $"districts.json: {district}.catchment.{field} = {value}: must be {limit}"));
            }
        }

        if (string.IsNullOrWhiteSpace(c.Name))
        {
            problems.Add($"districts.json: {district}.catchment.name is empty: name the gully or reach the proxy stands for");
        }

        Require(c.AreaKm2 > 0, "areaKm2", c.AreaKm2, "greater than 0");
        Require(c.BaseFlowM3s >= 0, "baseFlowM3s", c.BaseFlowM3s, "0 or more");
        Require(c.InitialLossMm >= 0, "initialLossMm", c.InitialLossMm, "0 or more");
        Require(c.RunoffMin is >= 0 and <= 1, "runoffMin", c.RunoffMin, "between 0 and 1");
        Require(c.RunoffMax is >= 0 and <= 1 && c.RunoffMax >= c.RunoffMin, "runoffMax", c.RunoffMax, string.Create(CultureInfo.InvariantCulture, $"between runoffMin ({c.RunoffMin}) and 1"));
        Require(c.ApiSaturationMm > 0, "apiSaturationMm", c.ApiSaturationMm, "greater than 0");
        Require(c.ApiDecay is > 0 and < 1, "apiDecay", c.ApiDecay, "greater than 0 and less than 1");
        Require(c.ReservoirRecession is > 0 and < 1, "reservoirRecession", c.ReservoirRecession, "greater than 0 and less than 1");
        Require(c.FloodThresholdM3s > 0, "floodThresholdM3s", c.FloodThresholdM3s, "greater than 0");
        return problems.Count > before ? null : c;
    }
}
