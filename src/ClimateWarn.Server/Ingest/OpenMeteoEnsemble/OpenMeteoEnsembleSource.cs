using System.Collections.Concurrent;
using System.Globalization;
using ClimateWarn.Core.Ensembles;
using ClimateWarn.Core.Hazards;
using ClimateWarn.Core.Places;
using ClimateWarn.Core.TimeSeries;
using ClimateWarn.Core.Weather;
using ClimateWarn.Server.Ingest.OpenMeteo;
using Microsoft.Extensions.Options;

namespace ClimateWarn.Server.Ingest.OpenMeteoEnsemble;

/// <summary>
/// Real probabilities from ensembles (docs/ensembles.md): for each configured ensemble model, one call per district with
/// all its grid cells; every member runs through the same hazard rules the warnings use, and the share of members meeting
/// each level on each lead day is stored per cell and for the district (<see cref="ArchiveFields"/>), stamped with the
/// run's hour so every run stays in the archive. Missing members, all-null members and a changed member count are
/// reported; a model answering with too few members is not scored for the run, never read as "no hazard".
/// </summary>
public sealed class OpenMeteoEnsembleSource(IOpenMeteoEnsembleApi api, IOptions<OpenMeteoEnsembleOptions> options, HazardTable hazards) : IForecastSource
{
    public const string SourceName = "open-meteo-ensemble";

    /// <summary>What the rules read, as the ensemble API names it; its surface (skin) temperature stands in for the ground temperature at 0 cm.</summary>
    public static readonly IReadOnlyDictionary<string, string> Variables = MemberColumns.Variables("surface_temperature");

    private readonly ConcurrentDictionary<(string Model, string District), int> _lastMembers = new();

    public string Name => SourceName;

    public async Task<SourceBatch> FetchAsync(District district, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(district);
        var o = options.Value;
        static string Join(IEnumerable<double> v) => string.Join(',', v.Select(x => x.ToString("0.####", CultureInfo.InvariantCulture)));
        var (start, hours) = Span(now, o.LeadDays);
        var rules = MemberScoring.Scorable(hazards);
        var points = new List<TimeSeriesPoint>();
        var problems = new List<string>();
        int nulls = 0, rejected = 0;
        foreach (var (model, expected) in o.ModelList)
        {
            var read = await OpenMeteoResponses.ReadAsync(Name, $"{district.Code} {model}",
                () => api.GetEnsembleAsync(Join(district.Cells.Select(c => c.Point.Lat)), Join(district.Cells.Select(c => c.Point.Lon)),
                    string.Join(',', Variables.Keys), model, "Asia/Shanghai", "ms", o.PastDays, Math.Min(35, o.LeadDays + 3), cancellationToken),
                root => MemberColumns.Map(Name, root, district.Cells, Variables, start, hours),
                cancellationToken);
            nulls += read.Nulls;
            rejected += read.Rejected;
            problems.AddRange(read.Problems.Select(p => $"{model}: {p}"));
            var present = read.Present;
            var previous = _lastMembers.GetValueOrDefault((model, district.Code));
            _lastMembers[(model, district.Code)] = present.Count;
            if (previous > 0 && previous != present.Count)
            {
                problems.Add($"{model}: {present.Count} members in this run, {previous} in the last");
            }

            if (present.Count < expected)
            {
                problems.Add($"{model}: {present.Count} of {expected} members answered{(present.Count < o.MinMemberShare * expected ? "; not scored this run (fewer than " + (o.MinMemberShare * 100).ToString("0", CultureInfo.InvariantCulture) + " %)" : string.Empty)}");
            }

            if (present.Count == 0 || present.Count < o.MinMemberShare * expected)
            {
                // The run is kept with its count, so the archive says the model answered short, not that it saw no hazard.
                points.Add(new TimeSeriesPoint(ArchiveFields.Ensemble,
                    new Dictionary<string, string>(StringComparer.Ordinal) { [Tags.Place] = district.Code, [Tags.Source] = SourceName },
                    new Dictionary<string, double>(StringComparer.Ordinal) { [ArchiveFields.Members(model)] = present.Count, [ArchiveFields.Expected(model)] = expected },
                    HourlyWeather.TruncateToHour(now)));
                continue;
            }

            foreach (var place in MemberOutcomes.Score(rules, district, read, present, now, o.LeadDays))
            {
                points.Add(Point(place, model, rules, present.Count, expected, now, isDistrict: place.Place == district.Code));
            }
        }

        return new SourceBatch(points, nulls, rejected, problems);
    }

    /// <summary>The hours kept per member: the rules' lookback before now, and each lead day's own horizon after it.</summary>
    public static (DateTimeOffset Start, int Hours) Span(DateTimeOffset now, int leadDays)
    {
        var start = HourlyWeather.TruncateToHour(now - AssessmentWindow.Lookback);
        return (start, (int)(AssessmentWindow.Lookback + AssessmentWindow.Horizon).TotalHours + (24 * (leadDays - 1)) + 1);
    }

    /// <summary>
    /// One place's run. A district keeps every probability (its zeros are what verification scores); a cell keeps the
    /// non-zero ones and how many members were judged, so an absent probability beside a count is 0 and without one unassessed.
    /// </summary>
    private static TimeSeriesPoint Point(PlaceLevels place, string model, IReadOnlyList<HazardRule> rules, int present, int expected, DateTimeOffset now, bool isDistrict)
    {
        var fields = new Dictionary<string, double>(StringComparer.Ordinal)
        {
            [ArchiveFields.Members(model)] = present,
            [ArchiveFields.Expected(model)] = expected,
        };
        foreach (var p in MemberScoring.Probabilities(rules, [.. place.Members.Values]))
        {
            fields[ArchiveFields.Judged(model, p.Hazard, p.LeadDay)] = p.Members;
            if (isDistrict || p.Meeting > 0)
            {
                fields[ArchiveFields.Probability(model, p.Hazard, p.Level, p.LeadDay)] = p.Probability;
            }
        }

        return new TimeSeriesPoint(ArchiveFields.Ensemble,
            new Dictionary<string, string>(StringComparer.Ordinal) { [Tags.Place] = place.Place, [Tags.Source] = SourceName },
            fields, HourlyWeather.TruncateToHour(now));
    }
}
