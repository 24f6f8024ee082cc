using System.Globalization;
using ClimateWarn.Core;
using ClimateWarn.Core.Places;
using ClimateWarn.Core.TimeSeries;
using ClimateWarn.Risk.Reanalysis;
using ClimateWarn.Risk.Synthetic;
using ClimateWarn.Server.Assess.Indices;
using ClimateWarn.Server.Configuration;
using ClimateWarn.Server.Ingest.OpenMeteoArchive;
using ClimateWarn.Server.Store.Ops;
using ClimateWarn.WeatherGen;

namespace ClimateWarn.Server.Assess.Models;

/// <summary>
/// Retrains the heavy-rain, flood and drought models on the bureau's own ERA5 days — those the archive source
/// (<see cref="OpenMeteoArchiveSource"/>, place era5:&lt;district&gt;) has stored, decades of them once it has backfilled —
/// instead of the weather generator's. Each district's longest stretch of complete days is its record; its climate is
/// measured from that record and its catchment read from config/districts.json, so any bureau trains by configuration
/// alone. The challenger is compared with the current model on the same held-out ERA5 cases; it replaces it when its
/// Brier score is lower, or when the current one was trained on synthetic weather (real truth over made-up truth; the
/// card then says at which leads the server uses it). Every run, promoted or not, goes to the model-trial ledger.
/// </summary>
public sealed partial class ReanalysisRetrainer(ITimeSeriesStore store, OpsDatabase ops, PlaceCatalog places, ResolvedPaths paths,
    IEnumerable<IRiskScorer> scorers, TimeProvider time, ILogger<ReanalysisRetrainer> logger)
{
    public const int Seed = SyntheticRun.DefaultSeed;

    private static readonly string[] Fields = [DailyRecord.Rain, "temperature_2m_min", "temperature_2m_max"];

    /// <summary>The outcome of one run: the ledger's trial, the new card where one was trained, and what was read.</summary>
    public sealed record Outcome(ModelTrial Trial, Risk.Cards.ModelCard? Card, IReadOnlyList<string> Notes);

    public async Task<Outcome> RunAsync(string hazard, CancellationToken cancellationToken)
    {
        if (!SyntheticHazards.Names.Contains(hazard))
        {
            throw new ArgumentOutOfRangeException(nameof(hazard), hazard, $"no daily-series model for '{hazard}'; known: {string.Join(", ", SyntheticHazards.Names)}");
        }

        var folder = Path.Combine(paths.Models, hazard);
        var current = Path.Combine(folder, "model.zip");
        var currentCard = Risk.Cards.ModelCard.FromJson(await File.ReadAllTextAsync(Path.Combine(folder, "card.json"), cancellationToken));
        var (records, notes) = await ReadAsync(cancellationToken);
        var indices = IndicesConfig.Load(paths.Config);
        Outcome outcome;
        try
        {
            var run = ReanalysisRun.Create(records, new DroughtIndexSettings(indices.MciWeights, indices.Ka, indices.MinimumNonZeroSums), Seed);
            var trained = SyntheticHazards.Train(hazard, run);
            var temp = Path.Combine(Path.GetTempPath(), $"climatewarn-{hazard}-{Guid.NewGuid():N}.zip");
            try
            {
                await File.WriteAllBytesAsync(temp, trained.ModelZip, cancellationToken);
                var (currentBrier, challengerBrier, cases) = SyntheticHazards.Compare(hazard, run, current, temp);
                var promote = challengerBrier < currentBrier || currentCard.Data.Synthetic;
                var c = CultureInfo.InvariantCulture;
                var reason = string.Create(c, $"ERA5 reanalysis {run.FirstDay:yyyy-MM-dd}…{run.LastDay:yyyy-MM-dd}, held out from {run.TestFrom:yyyy-MM-dd}: ")
                    + (challengerBrier < currentBrier ? "challenger's Brier score is lower on the held-out ERA5 years"
                        : currentCard.Data.Synthetic ? "the current model was trained on synthetic weather; the one on real weather replaces it (its card says where it is used)"
                        : "challenger does not beat the current model")
                    + $"; use: {trained.Card.Use?.ReasonEn}";
                var trial = new ModelTrial(time.GetUtcNow(), hazard, currentCard.Version, currentBrier, trained.Card.Version, challengerBrier, cases, promote, reason);
                if (promote)
                {
                    await ModelFiles.WriteAsync(paths.Models, trained, cancellationToken);
                    scorers.FirstOrDefault(s => s.Model == hazard)?.Reload();
                }

                outcome = new Outcome(trial, trained.Card, notes);
            }
            finally
            {
                File.Delete(temp);
            }
        }
        catch (InvalidOperationException ex)
        {
            // Too short a record or too few events: the ledger says why, the model in place stays.
            outcome = new Outcome(new ModelTrial(time.GetUtcNow(), hazard, currentCard.Version, double.NaN, null, double.NaN, 0, false,
                "ERA5 reanalysis: " + ex.Message), null, notes);
        }

        await ops.RecordTrialAsync(outcome.Trial, cancellationToken);
        LogTrial(logger, hazard, outcome.Trial.ChallengerVersion, outcome.Trial.Promoted, outcome.Trial.Reason);
        return outcome;
    }

    /// <summary>Each district's longest run of complete ERA5 days in the store; a district with none, or under a year, is left out with a note.</summary>
    private async Task<(List<DistrictRecord> Records, List<string> Notes)> ReadAsync(CancellationToken cancellationToken)
    {
        var records = new List<DistrictRecord>();
        var notes = new List<string>();
        var c = CultureInfo.InvariantCulture;
        foreach (var district in places.Districts)
        {
            var place = OpenMeteoArchiveSource.PlaceOf(district);
            var values = await store.ReadAsync(new TimeSeriesQuery(Measurements.ObservationDaily, [place], Fields,
                new DateTimeOffset(1940, 1, 1, 0, 0, 0, TimeSpan.FromHours(8)), time.GetUtcNow()), cancellationToken);
            var days = new SortedDictionary<DateOnly, double[]>();
            foreach (var v in values)
            {
                var day = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(v.Timestamp, TimeZones.Shanghai).DateTime);
                var row = days.TryGetValue(day, out var r) ? r : days[day] = [double.NaN, double.NaN, double.NaN];
                row[Array.IndexOf(Fields, v.Field)] = v.Value;
            }

            var (first, count) = Longest(days);
            if (count < 365)
            {
                notes.Add(string.Create(c, $"{district.Code} {district.NameEn}: {days.Count} ERA5 days stored, the longest complete stretch {count}; left out (a year at least)"));
                continue;
            }

            var span = Enumerable.Range(0, count).Select(i => days[first.AddDays(i)]).ToList();
            var gaps = days.Count(d => !Complete(d.Value));
            var catchment = LiveIssueView.Proxy(district.Catchment);
            records.Add(new DistrictRecord(district.Code, district.NameEn, district.Seat.Lat, catchment ?? NoCatchment, catchment is not null, first,
                [.. span.Select(d => d[0])], [.. span.Select(d => d[1])], [.. span.Select(d => d[2])],
                string.Create(c, $"{OpenMeteoArchiveSource.SourceName} {place} {first:yyyy-MM-dd}…{first.AddDays(count - 1):yyyy-MM-dd} ({count} days)")));
            if (gaps > 0 || count < days.Count)
            {
                notes.Add(string.Create(c, $"{district.Code} {district.NameEn}: {count} of {days.Count} stored days used (the longest complete stretch; {gaps} incomplete days)"));
            }

            if (catchment is null)
            {
                notes.Add($"{district.Code} {district.NameEn}: no catchment in districts.json, so no flood cases there");
            }
        }

        return (records, notes);
    }

    /// <summary>A stand-in for a district without a catchment: its discharge is never read (the run leaves it out of flood).</summary>
    private static readonly Catchment NoCatchment = new("none configured", 1, 0, 0, 0, 0, 1, IssueView.DefaultApiDecay, 0.5, double.PositiveInfinity);

    private static bool Complete(double[] d) => d.All(double.IsFinite) && d[0] >= 0 && d[1] <= d[2];

    private static (DateOnly First, int Count) Longest(SortedDictionary<DateOnly, double[]> days)
    {
        (DateOnly First, int Count) best = (default, 0);
        (DateOnly First, int Count) run = (default, 0);
        DateOnly? previous = null;
        foreach (var (day, row) in days)
        {
            if (!Complete(row))
            {
                run = (default, 0);
                previous = null;
                continue;
            }

            run = previous is { } p && p.AddDays(1) == day ? (run.First, run.Count + 1) : (day, 1);
            previous = day;
            if (run.Count > best.Count)
            {
                best = run;
            }
        }

        return best;
    }

    [LoggerMessage(EventId = 6005, Level = LogLevel.Information, Message = "Reanalysis retraining of {Hazard}: challenger {Challenger}, promoted {Promoted}: {Reason}")]
    private static partial void LogTrial(ILogger logger, string hazard, string? challenger, bool promoted, string reason);
}
