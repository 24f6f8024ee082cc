using System.Globalization;
using ClimateWarn.Core.Verification;
using ClimateWarn.Risk.Cards;
using ClimateWarn.Risk.Models;
using Microsoft.ML;
using Microsoft.ML.Trainers;

namespace ClimateWarn.Risk.Calibration;

/// <summary>One archived forecast of one hazard, level and lead day in one district, and whether it happened.</summary>
public sealed class CalibrationInput : IRiskInput
{
    /// <summary>The ensembles' mean share of members meeting the level (the raw probability users see until a calibration wins).</summary>
    public float Share { get; set; }

    /// <summary>How far apart the ensembles' shares are (largest minus smallest; 0 with one ensemble).</summary>
    public float Spread { get; set; }

    /// <summary>The share of deterministic models whose rule reached the level in the nearest earlier run (the share itself when none ran).</summary>
    public float Models { get; set; }

    public float LeadDay { get; set; }

    /// <summary>1 blue … 4 red.</summary>
    public float Level { get; set; }

    public bool Label { get; set; }

    public static readonly IReadOnlyList<string> FeatureNames = [nameof(Share), nameof(Spread), nameof(Models), nameof(LeadDay), nameof(Level)];
}

/// <summary>What one calibration trial found: trained on the older pairs, compared with the raw share on the newest.</summary>
public sealed record CalibrationTrial(
    string Hazard, bool Promoted, int TrainingPairs, int TestPairs, int TestEvents, double RawBrier, double CalibratedBrier, string ReasonZh, string ReasonEn, DateTimeOffset? TestFrom)
{
    public string Version { get; init; } = string.Empty;
}

/// <summary>
/// The post-processing model of issue 14: per hazard, a logistic regression from the ensemble statistics (mean share,
/// spread between ensembles), the deterministic models' agreement, the lead day and the level to "the event was observed",
/// trained on the archive's pairs. It is promoted only when, on the newest <see cref="TestShare"/> of the pairs (by run
/// time, never seen in training), its Brier score beats the raw share's by at least <see cref="Margin"/>; until then — and
/// below <see cref="MinPairs"/> pairs or <see cref="MinEvents"/> events — users see the raw share.
/// </summary>
public static class EnsembleCalibration
{
    public const int MinPairs = 200;
    public const int MinEvents = 10;
    public const double TestShare = 0.3;

    /// <summary>A calibration must lower the held-out Brier score by this fraction of the raw one to replace it.</summary>
    public const double Margin = 0.02;

    public const string Trainer = "ML.NET L-BFGS logistic regression (one thread, no shuffling)";

    public static (CalibrationTrial Trial, byte[]? Model) Train(string hazard, IReadOnlyList<(DateTimeOffset Run, CalibrationInput Input)> pairs)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        var ordered = pairs.OrderBy(p => p.Run).ToList();
        var events = ordered.Count(p => p.Input.Label);
        if (ordered.Count < MinPairs || events < MinEvents)
        {
            return (new CalibrationTrial(hazard, false, 0, 0, 0, double.NaN, double.NaN,
                string.Create(CultureInfo.InvariantCulture, $"存档配对不足（{ordered.Count}对，{events}次实况发生；至少需{MinPairs}对、{MinEvents}次），显示原始成员比例"),
                string.Create(CultureInfo.InvariantCulture, $"too few archived pairs ({ordered.Count} pairs, {events} events; needs {MinPairs} and {MinEvents}): the raw share is shown"), null), null);
        }

        var cut = (int)Math.Round(ordered.Count * (1 - TestShare));
        var training = ordered.Take(cut).Select(p => p.Input).ToList();
        var test = ordered.Skip(cut).ToList();
        if (training.All(p => p.Label) || training.All(p => !p.Label))
        {
            return (new CalibrationTrial(hazard, false, training.Count, test.Count, test.Count(p => p.Input.Label), double.NaN, double.NaN,
                "训练时段内实况全为同一结果，无法校准，显示原始成员比例", "the training pairs have one outcome only: cannot calibrate, the raw share is shown", test[0].Run), null);
        }

        var ml = new MLContext(seed: 1);
        var pipeline = ml.Transforms.Concatenate("Features", [.. CalibrationInput.FeatureNames])
            .Append(ml.BinaryClassification.Trainers.LbfgsLogisticRegression(new LbfgsLogisticRegressionBinaryTrainer.Options { NumberOfThreads = 1 }));
        var data = ml.Data.LoadFromEnumerable(training);
        var model = pipeline.Fit(data);
        using var zip = new MemoryStream();
        ml.Model.Save(model, data.Schema, zip);
        var bytes = ModelZip.Normalize(zip.ToArray());
        var engine = ml.Model.CreatePredictionEngine<CalibrationInput, RiskPrediction>(model);
        var observed = test.Select(p => p.Input.Label).ToList();
        var raw = ProbabilityScores.Brier([.. test.Select(p => (double)p.Input.Share)], observed);
        var calibrated = ProbabilityScores.Brier([.. test.Select(p => (double)engine.Predict(p.Input).Probability)], observed);
        var promoted = calibrated < raw * (1 - Margin);
        var trial = new CalibrationTrial(hazard, promoted, training.Count, test.Count, observed.Count(o => o), raw, calibrated,
            promoted
                ? string.Create(CultureInfo.InvariantCulture, $"校准后检验Brier评分{calibrated:0.0000}优于原始成员比例{raw:0.0000}，已采用")
                : string.Create(CultureInfo.InvariantCulture, $"校准后检验Brier评分{calibrated:0.0000}未比原始成员比例{raw:0.0000}低{Margin:P0}以上，仍显示原始成员比例"),
            promoted
                ? string.Create(CultureInfo.InvariantCulture, $"calibrated held-out Brier {calibrated:0.0000} beats the raw share's {raw:0.0000}: promoted")
                : string.Create(CultureInfo.InvariantCulture, $"calibrated held-out Brier {calibrated:0.0000} is not {Margin:P0} below the raw share's {raw:0.0000}: the raw share stays"),
            test[0].Run) { Version = ModelZip.Version(bytes) };
        return (trial, promoted ? bytes : null);
    }

    /// <summary>A promoted calibration, loaded for scoring; the engine is not thread-safe, so callers hold it per request.</summary>
    public static Func<CalibrationInput, double> Load(byte[] model)
    {
        var ml = new MLContext(seed: 1);
        using var stream = new MemoryStream(model);
        var loaded = ml.Model.Load(stream, out _);
        var engine = ml.Model.CreatePredictionEngine<CalibrationInput, RiskPrediction>(loaded);
        var gate = new Lock();
        return input =>
        {
            lock (gate)
            {
                return engine.Predict(input).Probability;
            }
        };
    }
}
