using ClimateWarn.Core.Hazards.Frost;
using System.Diagnostics;
using System.Globalization;
using ClimateWarn.Core;
using ClimateWarn.Risk.Frost;
using ClimateWarn.Server.Assess.Rules;
using ClimateWarn.Server.Ingest.IsdLite;
using ClimateWarn.Server.Tests.Support;

namespace ClimateWarn.Bench;

/// <summary>
/// A full scoring pass — every grid cell of the three districts × every model hazard × 72 hourly leads — with the
/// committed frost model, against the same pass with a constant model (same inputs, same loop: the ratio isolates the
/// model's cost); and the latency of one request. Only the frost model exists so far, so "every hazard" is frost.
/// </summary>
public static class RiskScoreBench
{
    public static Task<int> RunAsync()
    {
        var model = FrostModel.Load(Path.Combine(Repo.Root, "models", "frost", "model.zip"));
        var cells = TestPlaces.Catalog.Districts.Sum(d => d.Cells.Count);
        var record = StationFiles.ReadIsdLite([Path.Combine(Repo.Root, "data", "stations", "isd-lite", "isdlite_537050-99999-2021_JanApr.txt")]).Records[0];
        var thresholds = HazardConfigLoader.Load(Repo.Config, "ningxia").Table.Thresholds<FrostThresholds>(FrostHazard.Id);
        var seeds = FrostCases.From(record, thresholds, TimeZones.Shanghai).Select(c => c.Input).ToList();
        // One input per cell and lead, varied so that no two predictions are the same.
        var inputs = Enumerable.Range(0, cells * 72).Select(i =>
        {
            var s = seeds[i % seeds.Count];
            return new FrostRiskInput
            {
                LeadHours = 1 + (i % 72), TemperatureAtIssue = s.TemperatureAtIssue + ((i % 11) * 0.1f), MinimumToday = s.MinimumToday, MaximumToday = s.MaximumToday,
                MinimumChange = s.MinimumChange, TemperatureChange24h = s.TemperatureChange24h, DewPointDepression = s.DewPointDepression, WindAtIssue = s.WindAtIssue,
                Precipitation24h = s.Precipitation24h, DayOfYearSin = s.DayOfYearSin, DayOfYearCos = s.DayOfYearCos,
            };
        }).ToList();
        static float Constant(FrostRiskInput i) => i.LeadHours >= 0 ? 0.5f : 0f;

        var passModel = Passes(inputs, model.Probability);
        var passConstant = Passes(inputs, Constant);
        var passParallel = Passes(inputs, model.Probability, parallel: true);
        var single = new double[100_000];
        for (var i = 0; i < 10_000; i++)
        {
            model.Probability(inputs[i % inputs.Count]);
        }

        for (var i = 0; i < single.Length; i++)
        {
            var t = Stopwatch.GetTimestamp();
            model.Probability(inputs[i % inputs.Count]);
            single[i] = Stopwatch.GetElapsedTime(t).TotalMicroseconds;
        }

        Array.Sort(single);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"cells: {cells}, hazards with a model: 1 (frost), leads: 72 → {inputs.Count:N0} predictions a pass; median of 21 passes\n" +
            $"full pass, model:         {passModel:0.0} ms (goal < 200 ms)\n" +
            $"full pass, constant:      {passConstant:0.00} ms (ratio model/constant {passModel / passConstant:0})\n" +
            $"full pass, model, 2 threads: {passParallel:0.0} ms\n" +
            $"one request: p50 {single[single.Length / 2]:0.0} µs, p99 {single[(int)(single.Length * 0.99)]:0.0} µs (goal p99 < 100 µs)"));
        return Task.FromResult(0);
    }

    private static double Passes(List<FrostRiskInput> inputs, Func<FrostRiskInput, float> score, bool parallel = false)
    {
        var times = new List<double>();
        for (var pass = 0; pass < 22; pass++)
        {
            var clock = Stopwatch.StartNew();
            if (parallel)
            {
                Parallel.For(0, inputs.Count, new ParallelOptions { MaxDegreeOfParallelism = 2 }, i => score(inputs[i]));
            }
            else
            {
                foreach (var input in inputs)
                {
                    score(input);
                }
            }

            if (pass > 0)
            {
                times.Add(clock.Elapsed.TotalMilliseconds);
            }
        }

        return times.Order().ElementAt(times.Count / 2);
    }
}
