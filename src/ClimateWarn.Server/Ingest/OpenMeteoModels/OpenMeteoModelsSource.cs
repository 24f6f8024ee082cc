using System.Globalization;
using ClimateWarn.Core.Ensembles;
using ClimateWarn.Core.Hazards;
using ClimateWarn.Core.Places;
using ClimateWarn.Core.TimeSeries;
using ClimateWarn.Core.Weather;
using ClimateWarn.Server.Ingest.OpenMeteo;
using ClimateWarn.Server.Ingest.OpenMeteoEnsemble;
using Microsoft.Extensions.Options;

namespace ClimateWarn.Server.Ingest.OpenMeteoModels;

/// <summary>
/// Several deterministic models side by side (docs/ensembles.md): one forecast call per district asks every configured
/// model; the warning rules run on each model's weather per cell, and the level each model reaches per hazard and lead day
/// is stored for the cells and the district (<see cref="ArchiveFields.Level"/>) — the agreement an operator sees beside
/// a warning ("3 of 4 models: frost yellow"). A model missing from the answer is reported and stored as absent, never as
/// "no hazard".
/// </summary>
public sealed class OpenMeteoModelsSource(IOpenMeteoApi api, IOptions<OpenMeteoModelsOptions> options, HazardTable hazards) : IForecastSource
{
    public const string SourceName = "open-meteo-models";

    public string Name => SourceName;

    public async Task<SourceBatch> FetchAsync(District district, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(district);
        var o = options.Value;
        var models = o.ModelList;
        static string Join(IEnumerable<double> v) => string.Join(',', v.Select(x => x.ToString("0.####", CultureInfo.InvariantCulture)));
        var (start, hours) = OpenMeteoEnsembleSource.Span(now, o.LeadDays);
        var variables = Variables;
        var answer = await OpenMeteoResponses.ReadAsync(Name, district.Code,
            // The daily block comes back too (suffixed per model); only the hourly columns are read.
            () => api.GetForecastFromAsync(Join(district.Cells.Select(c => c.Point.Lat)), Join(district.Cells.Select(c => c.Point.Lon)),
                string.Join(',', variables.Keys), ForecastQuery.Daily, string.Join(',', models), ForecastQuery.Timezone, ForecastQuery.WindSpeedUnit,
                o.PastDays, Math.Min(16, o.LeadDays + 3), cancellationToken),
            root => MemberColumns.Map(Name, root, district.Cells, variables, start, hours),
            cancellationToken);

        // One model asked: the API does not suffix its columns.
        var present = answer.Present;
        if (models.Count == 1 && present.Contains(string.Empty))
        {
            answer = answer with { Locations = [.. answer.Locations.Select(l => new MemberWeather(l.Members.ToDictionary(m => m.Key.Length == 0 ? models[0] : m.Key, m => m.Value, StringComparer.Ordinal)))] };
            present = answer.Present;
        }

        var problems = answer.Problems.ToList();
        var unknown = present.Where(m => !models.Contains(m)).ToList();
        if (unknown.Count > 0)
        {
            problems.Add($"columns for models not asked for were ignored: {string.Join(", ", unknown)}");
        }

        var answered = models.Where(present.Contains).ToList();
        foreach (var missing in models.Where(m => !present.Contains(m)))
        {
            problems.Add($"{missing}: absent from the answer (no values); not counted in the agreement");
        }

        if (answered.Count == 0)
        {
            throw new SourceException(Name, $"{district.Code}: none of the models {string.Join(", ", models)} answered with values", transient: true);
        }

        var rules = MemberScoring.Scorable(hazards);
        var points = new List<TimeSeriesPoint>();
        var places = MemberOutcomes.Score(rules, district, answer, answered, now, o.LeadDays);
        foreach (var place in places)
        {
            var fields = new Dictionary<string, double>(StringComparer.Ordinal);
            foreach (var model in models)
            {
                fields[ArchiveFields.Members(model)] = answered.Contains(model) ? 1 : 0;
                if (!place.Members.TryGetValue(model, out var levels))
                {
                    continue;
                }

                foreach (var rule in rules)
                {
                    for (var d = 0; d < o.LeadDays; d++)
                    {
                        if (levels[rule.Slug, d] is { } level)
                        {
                            fields[ArchiveFields.Level(model, rule.Slug, d)] = (int)level;
                        }
                    }
                }
            }

            points.Add(new TimeSeriesPoint(ArchiveFields.Models,
                new Dictionary<string, string>(StringComparer.Ordinal) { [Tags.Place] = place.Place, [Tags.Source] = SourceName },
                fields, HourlyWeather.TruncateToHour(now)));
        }

        return new SourceBatch(points, answer.Nulls, answer.Rejected, problems);
    }

    /// <summary>What the rules read, as the forecast API names it (the same names as the single-model call).</summary>
    public static readonly IReadOnlyDictionary<string, string> Variables = MemberColumns.Variables("soil_temperature_0cm");
}
