using System.Collections.Concurrent;
using ClimateWarn.Risk.Cards;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace ClimateWarn.Risk.Models;

/// <summary>What every model input has beside its features: the event, for training.</summary>
public interface IRiskInput
{
    bool Label { get; set; }
}

/// <summary>A binary classifier's output, shared by every hazard's model.</summary>
public sealed class RiskPrediction
{
    [ColumnName("PredictedLabel")]
    public bool PredictedLabel { get; set; }

    public float Probability { get; set; }

    public float Score { get; set; }
}

/// <summary>
/// A loaded model of any hazard. PredictionEngine is not thread-safe and Microsoft.Extensions.ML is not on the package
/// feed, so the model keeps its own small pool: an engine is taken for one prediction and returned, never shared.
/// </summary>
public class RiskModel<TInput>
    where TInput : class, IRiskInput
{
    private readonly MLContext _ml = new(seed: 0);
    private readonly ITransformer _model;
    private readonly ConcurrentBag<PredictionEngine<TInput, RiskPrediction>> _pool = [];

    protected RiskModel(ITransformer model, string version)
    {
        _model = model;
        Version = version;
    }

    /// <summary>The model file's SHA-256 prefix: every score carries it.</summary>
    public string Version { get; }

    /// <summary>Loads and checks the input schema: a model trained on another feature set is refused with the columns it lacks.</summary>
    protected static (ITransformer Model, string Version) LoadChecked(string path, string hazard, IReadOnlyList<string> features)
    {
        ArgumentNullException.ThrowIfNull(features);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"{hazard} model not found: {path} (train it: dotnet run --project src/ClimateWarn.Server -- train --hazard {hazard})", path);
        }

        var model = new MLContext(seed: 0).Model.Load(path, out var schema);
        var missing = features.Where(f => schema.GetColumnOrNull(f) is null).ToList();
        if (missing.Count > 0)
        {
            throw new InvalidDataException($"{path}: the model's input schema lacks {string.Join(", ", missing)}; it was trained for another feature set — retrain it");
        }

        return (model, ModelZip.Version(File.ReadAllBytes(path)));
    }

    public float Probability(TInput input)
    {
        if (!_pool.TryTake(out var engine))
        {
            engine = _ml.Model.CreatePredictionEngine<TInput, RiskPrediction>(_model);
        }

        try
        {
            return engine.Predict(input).Probability;
        }
        finally
        {
            _pool.Add(engine);
        }
    }
}
