using System.Diagnostics;
using System.Globalization;
using ClimateWarn.Core.Ensembles;
using ClimateWarn.Core.Places;
using ClimateWarn.Core.Weather;
using ClimateWarn.Server.Assess.Rules;
using ClimateWarn.Server.Ingest.OpenMeteo;
using ClimateWarn.Server.Ingest.OpenMeteoEnsemble;
using ClimateWarn.Server.Tests.Support;

namespace ClimateWarn.Bench;

/// <summary>
/// A full ensemble scoring pass — every grid cell of the three districts × 82 members (ECMWF 51 + GFS 31) × the rules'
/// hours × every hazard judged on hourly weather × 3 lead days — against the single deterministic pass (one member per
/// cell, the same code) in the same run, and at half the cells and half the members to show it is linear. The weather is
/// GENERATED here (a seeded random walk around a spring day in Ningxia, every variable the rules read), never committed,
/// never presented as a forecast: the bench measures the scoring, not the weather.
/// </summary>
public static class EnsembleScoreBench
{
    public static Task<int> RunAsync()
    {
        var rules = MemberScoring.Scorable(HazardConfigLoader.Load(Repo.Config, "ningxia").Table);
        var now = new DateTimeOffset(2021, 4, 10, 8, 0, 0, TimeSpan.FromHours(8));
        var districts = TestPlaces.Catalog.Districts;
        var cells = districts.Sum(d => d.Cells.Count);
        var answers82 = districts.Select(d => Answer(d, 82, now)).ToList();
        var answers41 = districts.Select(d => Answer(d, 41, now)).ToList();
        var answers1 = districts.Select(d => Answer(d, 1, now)).ToList();

        double Pass(IReadOnlyList<MemberAnswer> answers, int members, bool halfCells = false)
        {
            var times = new List<double>();
            for (var pass = 0; pass < 7; pass++)
            {
                var clock = Stopwatch.StartNew();
                for (var i = 0; i < districts.Count; i++)
                {
                    var d = districts[i];
                    var district = halfCells ? d with { Cells = [.. d.Cells.Take((d.Cells.Count + 1) / 2)] } : d;
                    MemberOutcomes.Score(rules, district, answers[i], [.. answers[i].Locations[0].Members.Keys.Take(members)], now, 3);
                }

                times.Add(clock.Elapsed.TotalMilliseconds);
            }

            times.Sort();
            return times[times.Count / 2];
        }

        Pass(answers82, 82);   // warm-up: tiered JIT compiles the hot loops before anything is timed
        var single = Pass(answers1, 1);
        var full = Pass(answers82, 82);
        var halfMembers = Pass(answers82, 41);
        var halfCells = Pass(answers82, 82, halfCells: true);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"cells: {cells}, rules on hourly weather: {rules.Count} ({string.Join(", ", rules.Select(r => r.Slug))}), lead days: 3, hours per member: {OpenMeteoEnsembleSource.Span(now, 3).Hours}; median of 7 passes, {Environment.ProcessorCount} cores\n" +
            $"single deterministic pass (1 member):   {single:0.0} ms\n" +
            $"full ensemble pass (82 members):        {full:0.0} ms (goal < 1000 ms; ratio to single {full / single:0.0}, members ratio 82)\n" +
            $"half the members (41):                  {halfMembers:0.0} ms (full / half {full / halfMembers:0.00}, linear: 2)\n" +
            $"half the cells:                         {halfCells:0.0} ms (full / half {full / halfCells:0.00}, linear: ~2)"));
        return Task.FromResult(0);
    }

    /// <summary>GENERATED member weather for every cell: a seeded random walk per member, every variable the rules read.</summary>
    private static MemberAnswer Answer(District district, int members, DateTimeOffset now)
    {
        var (start, hours) = OpenMeteoEnsembleSource.Span(now, 3);
        var random = new Random(20210410);
        var locations = district.Cells.Select(c => new MemberWeather(Enumerable.Range(0, members).ToDictionary(m => $"member{m:00}", m =>
        {
            var w = new HourlyWeather(c.Id, start, hours);
            double t = 8, wind = 4, rh = 40;
            for (var h = 0; h < hours; h++)
            {
                var time = start.AddHours(h);
                t += (random.NextDouble() - 0.5) * 2 + (Math.Sin(h / 24.0 * 2 * Math.PI) * 0.5);
                wind = Math.Clamp(wind + ((random.NextDouble() - 0.5) * 3), 0, 30);
                rh = Math.Clamp(rh + ((random.NextDouble() - 0.5) * 10), 5, 100);
                w.Set(WeatherVariables.Temperature2m, time, t);
                w.Set(WeatherVariables.SoilTemperature0cm, time, t - 2);
                w.Set(WeatherVariables.DewPoint2m, time, t - 10);
                w.Set(WeatherVariables.WindSpeed10m, time, wind);
                w.Set(WeatherVariables.WindGusts10m, time, wind * 1.5);
                w.Set(WeatherVariables.RelativeHumidity2m, time, rh);
                w.Set(WeatherVariables.Precipitation, time, random.NextDouble() < 0.1 ? random.NextDouble() * 15 : 0);
                w.Set(WeatherVariables.Snowfall, time, 0);
                w.Set(WeatherVariables.Visibility, time, 500 + (random.NextDouble() * 20_000));
            }

            return w;
        }, StringComparer.Ordinal))).ToList();
        return new MemberAnswer(locations, 0, 0, []);
    }
}
