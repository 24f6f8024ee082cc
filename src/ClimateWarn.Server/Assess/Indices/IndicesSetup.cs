using ClimateWarn.Core.Indices;
using ClimateWarn.Core.Places;
using ClimateWarn.Server.Ingest;
using ClimateWarn.Server.Ingest.OpenMeteoArchive;
using Quartz;

namespace ClimateWarn.Server.Assess.Indices;

/// <summary>Computes the indices daily at 08:30 Beijing time (the CMA climate day ends at 20:00; daily imports land overnight).</summary>
[DisallowConcurrentExecution]
public sealed class ComputeIndicesJob(DroughtIndexService service) : IJob
{
    public static readonly JobKey Key = new("compute-indices");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) => await service.ComputeAsync(cancellationToken);
}

/// <summary>
/// After each run of the archive source the indices are recomputed at once, before the forecast cycle that follows
/// (listeners run in registration order, and Assess registers before Warn): a fresh server's first backfill gives
/// indices, and a drought signal, without waiting for the 08:30 job.
/// </summary>
public sealed class IndicesAfterArchive(DroughtIndexService service) : IIngestListener
{
    public async Task<IReadOnlyList<string>> IngestedAsync(string source, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (source == OpenMeteoArchiveSource.SourceName)
        {
            await service.ComputeAsync(cancellationToken);
        }

        return [];
    }
}

public static class IndicesSetup
{
    public static IServiceCollection AddDroughtIndices(this IServiceCollection services, string configDirectory, bool scheduled)
    {
        services.AddSingleton(IndicesConfig.Load(configDirectory));
        services.AddSingleton<DroughtIndexService>();
        services.AddSingleton<IIngestListener, IndicesAfterArchive>();
        if (scheduled)
        {
            services.AddQuartz(q =>
            {
                q.AddJob<ComputeIndicesJob>(j => j.WithIdentity(ComputeIndicesJob.Key));
                q.AddTrigger(t => t.ForJob(ComputeIndicesJob.Key).WithIdentity("compute-indices-daily")
                    .WithCronSchedule("0 30 8 * * ?", c => c.InTimeZone(Core.TimeZones.Shanghai).WithMisfireInstruction(CronTriggerMisfireInstruction.FireAndProceed)));
                q.RunAtStartup(ComputeIndicesJob.Key);
            });
        }

        return services;
    }

    public static IEndpointRouteBuilder MapDroughtIndices(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/indices", async (string? district, PlaceCatalog places, DroughtIndexService service, CancellationToken ct) =>
        {
            if (!places.TryGetDistrict(district, out var d))
            {
                return Results.Problem(statusCode: district is null ? 400 : 404, title: "区县无效 Invalid district", detail: $"Give ?district=<configured code>; '{district}' is not one.");
            }

            var latest = service.For(d.Code) ?? (await service.ComputeAsync(ct)).First(x => x.District == d.Code);
            return Results.Ok(new
            {
                latest.District, latest.Station, latest.Status, latest.Day, latest.HistoryDays,
                basis = latest.Basis.En, basisZh = latest.Basis.Zh, reanalysis = latest.Basis.UsesReanalysis,
                latest.Basis.StationDays, latest.Basis.ReanalysisDays,
                values = latest.Values.Select(v => new
                {
                    index = v.Index,
                    value = double.IsFinite(v.Value) ? v.Value : (double?)null,
                    @class = v.Class.ToString(),
                    classZh = v.Class.ChineseName(),
                    classEn = v.Class.EnglishName(),
                }),
            });
        })
            .WithSummary("干旱指数 / Drought indices")
            .WithDescription("The latest drought indices of one district (?district=<district code>): SPI 30/60/90/150, SPIW60, MI30, MCI with classes in zh/en, or the reason there are none (status). basis/basisZh say what data they rest on: the station's imported history (GSOD, CMA daily), which wins for its days, or ERA5 reanalysis from the Open-Meteo archive (reanalysis: true, with the days of each in stationDays and reanalysisDays). 400 without a district, 404 for an unknown one.")
            .WithTags("assess")
            .Produces(200)
            .ProducesProblem(400)
            .ProducesProblem(404);
        return app;
    }
}
