using ClimateWarn.Core.Places;
using ClimateWarn.Server.Assess;
using ClimateWarn.Server.Ingest;

namespace ClimateWarn.Server.Warn;

/// <summary>
/// After any source's ingest run: assess every district from the store, publish the assessment and the model scores,
/// and hand the signals to the warning board. One cycle at a time, whichever source triggered it. A district that
/// cannot be read is left unassessed (its warnings stand), never "no hazard".
/// </summary>
public sealed partial class ForecastCycle(
    PlaceCatalog places,
    DistrictAssessor assessor,
    RiskBoard risks,
    WarningBoard warnings,
    ILogger<ForecastCycle> logger) : IIngestListener, IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);

    public void Dispose() => _gate.Dispose();

    public async Task<IReadOnlyList<string>> IngestedAsync(string source, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            return await RunAsync(now, cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<IReadOnlyList<string>> RunAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var failures = new List<string>();
        var assessments = new List<DistrictAssessment>();
        foreach (var district in places.Districts)
        {
            try
            {
                assessments.Add(await assessor.AssessAsync(district, now, cancellationToken));
            }
#pragma warning disable CA1031 // A store that cannot be read leaves the district unassessed (its warnings stand), never "no hazard".
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
#pragma warning restore CA1031
            {
                LogAssessFailed(logger, district.Code, ex.Message);
                failures.Add($"assessing {district.Code}: {ex.Message}");
                assessments.Add(new DistrictAssessment(district.Code, now, [], [.. district.Cells.Select(c => new CellAssessment(c, HasData: false, []))]));
            }
        }

        risks.Publish(assessments);
        await assessor.StoreScoresAsync(assessments, now, cancellationToken);
        await warnings.ApplyAsync(assessments, now, cancellationToken);
        return failures;
    }

    [LoggerMessage(EventId = 1004, Level = LogLevel.Error, Message = "{District}: could not read the store, district left unassessed: {Reason}")]
    private static partial void LogAssessFailed(ILogger logger, string district, string reason);
}
