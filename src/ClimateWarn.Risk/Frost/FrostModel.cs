using System.Collections.Concurrent;
using Microsoft.ML;

namespace ClimateWarn.Risk.Frost;

/// <summary>
/// A loaded frost model. PredictionEngine is not thread-safe and Microsoft.Extensions.ML is not on the package feed,
/// so the model keeps its own small pool: an engine is taken for one prediction and returned.
/// </summary>
public sealed class FrostModel
{
    private readonly MLContext _ml = new(seed: 0);
    private readonly ITransformer _model;
    private readonly ConcurrentBag<PredictionEngine<FrostRiskInput, FrostRiskPrediction>> _pool = [];

    private FrostModel(ITransformer model, string version)
    {
        _model = model;
        Version = version;
    }

    /// <summary>The model file's SHA-256 prefix: every score carries it.</summary>
    public string Version { get; }

    public static FrostModel Load(string path)
    {
        var ml = new MLContext(seed: 0);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"frost model not found: {path} (train it: dotnet run --project src/ClimateWarn.Server -- train --hazard frost)", path);
        }

        var model = ml.Model.Load(path, out var schema);
        var missing = FrostRiskInput.FeatureNames.Where(f => schema.GetColumnOrNull(f) is null).ToList();
        if (missing.Count > 0)
        {
            throw new InvalidDataException($"{path}: the model's input schema lacks {string.Join(", ", missing)}; it was trained for another feature set — retrain it");
        }

        return new FrostModel(model, Cards.ModelZip.Version(File.ReadAllBytes(path)));
    }

    public float Probability(FrostRiskInput input)
    {
        if (!_pool.TryTake(out var engine))
        {
            engine = _ml.Model.CreatePredictionEngine<FrostRiskInput, FrostRiskPrediction>(_model);
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
