using System.Collections.Concurrent;
using System.ComponentModel.DataAnnotations;
using ClimateWarn.Core;
using ClimateWarn.Risk.Calibration;
using ClimateWarn.Server.Configuration;
using ClimateWarn.Server.Store.Ops;
using Microsoft.Extensions.Options;
using Quartz;

namespace ClimateWarn.Server.Skill;

public sealed class CalibrationOptions
{
    public const string Section = "Calibration";

    /// <summary>Quartz cron in Asia/Shanghai; Mondays at 03:30 by default (after the weekly model retraining).</summary>
    [Required]
    [Cron]
    public string Cron { get; set; } = "0 30 3 ? * MON";

    /// <summary>How far back the archive's pairs are read.</summary>
    [Range(7, 3660)]
    public int Days { get; set; } = 365;
}

/// <summary>
/// Trains each hazard's calibration from the archive's pairs (<see cref="SkillTable.CalibrationRowsAsync"/>) and keeps
/// it only when it beats the raw ensemble share on the newest pairs (<see cref="EnsembleCalibration"/>); every trial goes
/// to the model-trial ledger beside the frost retraining (hazard "calibration:&lt;hazard&gt;", the raw share as the
/// champion). A promoted calibration is written to &lt;data&gt;/calibration/&lt;hazard&gt;.zip and used by
/// GET /api/probabilities from then on; without one, users see the raw share.
/// </summary>
public sealed partial class EnsembleCalibrator(SkillTable skill, ResolvedPaths paths, OpsDatabase ops, PipelineClock clock, IOptions<CalibrationOptions> options,
    ILogger<EnsembleCalibrator> logger)
{
    private readonly ConcurrentDictionary<string, (string Version, Func<CalibrationInput, double> Predict)> _current = new(StringComparer.Ordinal);
    private int _loaded;

    public string Folder => Path.Combine(paths.Data, "calibration");

    /// <summary>The promoted calibrations by hazard (loaded from the data directory the first time).</summary>
    public IReadOnlyDictionary<string, (string Version, Func<CalibrationInput, double> Predict)> Current
    {
        get
        {
            if (Interlocked.Exchange(ref _loaded, 1) == 0 && Directory.Exists(Folder))
            {
                foreach (var file in Directory.GetFiles(Folder, "*.zip"))
                {
                    var bytes = File.ReadAllBytes(file);
                    _current[Path.GetFileNameWithoutExtension(file)] = (Risk.Cards.ModelZip.Version(bytes), EnsembleCalibration.Load(bytes));
                }
            }

            return _current;
        }
    }

    public async Task<IReadOnlyList<CalibrationTrial>> RunAsync(CancellationToken cancellationToken)
    {
        _ = Current;
        var rows = await skill.CalibrationRowsAsync(options.Value.Days, cancellationToken);
        var trials = new List<CalibrationTrial>();
        foreach (var (hazard, pairs) in rows.OrderBy(r => r.Key, StringComparer.Ordinal))
        {
            if (pairs.Count == 0)
            {
                continue;
            }

            var (trial, model) = EnsembleCalibration.Train(hazard, pairs);
            trials.Add(trial);
            LogTrial(logger, hazard, trial.RawBrier, trial.CalibratedBrier, trial.Promoted, trial.ReasonEn);
            await ops.RecordTrialAsync(new ModelTrial(clock.Now, "calibration:" + hazard, "raw-share", Finite(trial.RawBrier), trial.Version.Length == 0 ? null : trial.Version,
                Finite(trial.CalibratedBrier), trial.TestPairs, trial.Promoted, trial.ReasonEn), cancellationToken);
            if (model is not null)
            {
                Directory.CreateDirectory(Folder);
                var temp = Path.Combine(Folder, hazard + ".zip.tmp");
                await File.WriteAllBytesAsync(temp, model, cancellationToken);
                File.Move(temp, Path.Combine(Folder, hazard + ".zip"), overwrite: true);
                _current[hazard] = (trial.Version, EnsembleCalibration.Load(model));
            }
        }

        return trials;
    }

    private static double Finite(double v) => double.IsFinite(v) ? v : -1;

    [LoggerMessage(EventId = 6101, Level = LogLevel.Information, Message = "Calibration {Hazard}: raw Brier {Raw}, calibrated {Calibrated}, promoted {Promoted}: {Reason}")]
    private static partial void LogTrial(ILogger logger, string hazard, double raw, double calibrated, bool promoted, string reason);
}

[DisallowConcurrentExecution]
public sealed class CalibrateJob(EnsembleCalibrator calibrator) : IJob
{
    public static readonly JobKey Key = new("calibrate-ensembles");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) => await calibrator.RunAsync(cancellationToken);
}
